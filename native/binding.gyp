# node-gyp build of genlab's native backend addon (OpenBLAS sgemm, im2col convs, sums, tile,
# elementwise functions over the wasm heap).
# scripts/build-native.mjs finds OpenBLAS and passes its include dir and link flags through the
# environment, so this file holds no machine-specific paths.
{
  "targets": [
    {
      "target_name": "genlab_native",
      "sources": ["src/addon.c", "src/gemm.c", "src/conv.c", "src/reduce.c", "src/reduce-strided.c", "src/tile.c", "src/unary.c", "src/compare.c", "src/binary.c", "src/optim.c", "src/select.c", "src/norm.c", "src/copy.c", "src/resample.c", "src/gelu.c"],
      "include_dirs": ["<!@(node -p \"process.env.GENLAB_OPENBLAS_INCLUDE || ''\")"],
      "libraries": ["<!@(node -p \"process.env.GENLAB_OPENBLAS_LIBS || '-lopenblas'\")", "-lm"],
      "cflags": ["-O3", "-fno-math-errno", "-fno-trapping-math", "-std=c11", "-Wall", "-Wextra"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
