// memcpy and memset lowered to wasm's bulk-memory instructions (built with -mbulk-memory).
#ifndef GENLAB_WASM_STRING_H
#define GENLAB_WASM_STRING_H
#include <stddef.h>
#define memcpy(d, s, n) __builtin_memcpy((d), (s), (n))
#define memset(d, v, n) __builtin_memset((d), (v), (n))
#endif
