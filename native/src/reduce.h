// Row / column sums of a row-major float32 matrix on caller-owned memory (see reduce.c).
#ifndef GENLAB_REDUCE_H
#define GENLAB_REDUCE_H

/** y = scale · column sums of x [rows, cols] (overRows) or scale · its row sums; -1 if out of memory. */
int genlab_reduce_sum(int overRows, int rows, int cols, float scale, const float *x, float *y);

#endif
