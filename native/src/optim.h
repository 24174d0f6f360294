// Fused optimizer updates on caller-owned memory (see optim.c).
#ifndef GENLAB_OPTIM_H
#define GENLAB_OPTIM_H
#include <stddef.h>

/** Adam's constants, each already rounded to float32 as the composed update's scalar tensors are. */
typedef struct {
  float beta1, oneMinusBeta1, beta2, oneMinusBeta2, biasCorrection1, biasCorrection2, eps, lr;
  float l2;        /* weight decay added to the gradient (Adam with L2) */
  float decoupled; /* lr · weight decay subtracted from the weights (AdamW) */
  int useL2, useDecoupled;
} genlab_adam_params;

/** One Adam step: vOut, mOut, sOut from v (weights), g (gradient), m, s (moments); n float32 each. */
void genlab_adam(size_t n, const float *v, const float *g, const float *m, const float *s, float *vOut, float *mOut,
                 float *sOut, const genlab_adam_params *p);

#endif
