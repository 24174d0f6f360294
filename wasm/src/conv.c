// native/src/conv.c's im2col convolutions, built for wasm over gemm.c's cblas_sgemm.
#include "../../native/src/conv.c"

/** geom: [N, H, W, Ci, Ho, Wo, Co, fh, fw, sh, sw, dh, dw, top, left] as native/src/addon.c reads it. */
__attribute__((export_name("genlab_conv2d")))
int genlab_conv2d_entry(int mode, const int *geom, float *x, float *w, float *y) {
  const genlab_conv_geom g = {geom[0], geom[1], geom[2], geom[3], geom[4], geom[5], geom[6], geom[7],
                              geom[8], geom[9], geom[10], geom[11], geom[12], geom[13], geom[14]};
  return genlab_conv2d(mode, &g, x, w, y);
}
