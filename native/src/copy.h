// Strided row copies on caller-owned memory (see copy.c).
#ifndef GENLAB_COPY_H
#define GENLAB_COPY_H
#include <stddef.h>
#include <stdint.h>

/** Copies `rows` runs of `rowBytes` bytes from src (rows `srcStride` bytes apart) to dst (`dstStride` apart). */
void genlab_copy_rows(size_t rows, size_t rowBytes, const uint8_t *src, size_t srcStride, uint8_t *dst, size_t dstStride);

#endif
