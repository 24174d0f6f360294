// Adam / AdamW (Kingma & Ba 2015; Loshchilov & Hutter 2019) as one pass per variable: composed of
// tensor ops the update is ~14 kernels and ~6 scalar uploads per variable (a GPT step: ~1,100 engine
// calls), each paying tfjs' dispatch cost. Every operation is the float32 operation the composed
// update performs, in the same order, so both give the same bits.
#include <math.h>
#include "optim.h"

void genlab_adam(size_t n, const float *v, const float *g, const float *m, const float *s, float *vOut, float *mOut,
                 float *sOut, const genlab_adam_params *p) {
  const float b1 = p->beta1, c1 = p->oneMinusBeta1, b2 = p->beta2, c2 = p->oneMinusBeta2;
  const float bc1 = p->biasCorrection1, bc2 = p->biasCorrection2, eps = p->eps, lr = p->lr;
  const float l2 = p->l2, decoupled = p->decoupled;
  for (size_t i = 0; i < n; i++) {
    float gi = g[i];
    if (p->useL2) gi = gi + v[i] * l2;
    const float mi = m[i] * b1 + gi * c1;
    const float si = s[i] * b2 + (gi * gi) * c2;
    const float update = (mi / bc1) / (sqrtf(si / bc2) + eps);
    float next = v[i] - update * lr;
    if (p->useDecoupled) next = next - v[i] * decoupled;
    mOut[i] = mi;
    sOut[i] = si;
    vOut[i] = next;
  }
}
