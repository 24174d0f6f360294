// Tile (tf.tile, and the broadcastTo behind every Sum/Mean gradient) as nested block copies: each level
// writes one copy of its block and memcpy-replicates it. tfjs-wasm's per-element Tile took 90 ms for
// [1,1,1,64] → [64,14,14,64]; this is a few memcpy's.
#include <string.h>
#include "tile.h"

typedef struct {
  int rank;
  const int32_t *in, *reps;
  size_t eb;                                   // element bytes
  size_t inBlock[GENLAB_TILE_MAX_RANK + 1];    // elements of the input below each level
  size_t outBlock[GENLAB_TILE_MAX_RANK + 1];   // elements of the output below each level
  int plain[GENLAB_TILE_MAX_RANK + 1];         // no repetition at this level or below
} tile_plan;

static void tile_level(const tile_plan *p, int d, const uint8_t *src, uint8_t *dst) {
  if (p->plain[d]) {
    memcpy(dst, src, p->inBlock[d] * p->eb);
    return;
  }
  for (int i = 0; i < p->in[d]; i++)
    tile_level(p, d + 1, src + (size_t)i * p->inBlock[d + 1] * p->eb, dst + (size_t)i * p->outBlock[d + 1] * p->eb);
  const size_t span = (size_t)p->in[d] * p->outBlock[d + 1] * p->eb;
  for (int r = 1; r < p->reps[d]; r++) memcpy(dst + (size_t)r * span, dst, span);
}

int genlab_tile(int rank, const int32_t *inShape, const int32_t *reps, size_t elemBytes, const void *x, void *y) {
  if (rank < 0 || rank > GENLAB_TILE_MAX_RANK) return -1;
  tile_plan p = {.rank = rank, .in = inShape, .reps = reps, .eb = elemBytes};
  p.inBlock[rank] = p.outBlock[rank] = 1;
  p.plain[rank] = 1;
  for (int d = rank - 1; d >= 0; d--) {
    p.inBlock[d] = p.inBlock[d + 1] * (size_t)inShape[d];
    p.outBlock[d] = p.outBlock[d + 1] * (size_t)inShape[d] * (size_t)reps[d];
    p.plain[d] = p.plain[d + 1] && reps[d] == 1;
  }
  if (p.outBlock[0] == 0) return 0;
  tile_level(&p, 0, x, y);
  return 0;
}
