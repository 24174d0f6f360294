// Tile on caller-owned memory (see tile.c).
#ifndef GENLAB_TILE_H
#define GENLAB_TILE_H
#include <stddef.h>
#include <stdint.h>

#define GENLAB_TILE_MAX_RANK 8

/** y = tile(x, reps) for a row-major x of `inShape`; returns -1 when rank exceeds GENLAB_TILE_MAX_RANK. */
int genlab_tile(int rank, const int32_t *inShape, const int32_t *reps, size_t elemBytes, const void *x, void *y);

#endif
