// malloc and free for kernels sharing tfjs-wasm's memory: imported from its emscripten allocator, so
// workspace never collides with tensors (the module has no heap of its own).
#ifndef GENLAB_WASM_STDLIB_H
#define GENLAB_WASM_STDLIB_H
#include <stddef.h>
__attribute__((import_module("env"), import_name("malloc"))) void *malloc(size_t size);
__attribute__((import_module("env"), import_name("free"))) void free(void *ptr);
/** Zeroed allocation over the imported malloc. */
static inline void *calloc(size_t count, size_t size) {
  void *p = malloc(count * size);
  if (p) __builtin_memset(p, 0, count * size);
  return p;
}
#endif
