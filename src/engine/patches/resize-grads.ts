// Resize gradients: exact adjoints where tfjs' ResizeBilinearGrad / ResizeNearestNeighborGrad disagree
// with their forward (halfPixelCenters everywhere; non-square images on cpu) and the grads of those kernels.
import { tf, type Tensor } from '../tf.js';
import { callKernel, compositeKernel, knownBackends, patchGradient, patchKernel } from './registry.js';

type Kind = 'bilinear' | 'nearest';

const GRAD_KERNELS: Array<[Kind, string]> = [['bilinear', 'ResizeBilinearGrad'], ['nearest', 'ResizeNearestNeighborGrad']];

interface ResizeAttrs {
  alignCorners: boolean;
  halfPixelCenters: boolean;
  size: [number, number];
}

function resize(kind: Kind, images: Tensor, size: [number, number], a: ResizeAttrs): Tensor {
  const x = images as tf.Tensor4D;
  return kind === 'bilinear'
    ? tf.image.resizeBilinear(x, size, a.alignCorners, a.halfPixelCenters)
    : tf.image.resizeNearestNeighbor(x, size, a.alignCorners, a.halfPixelCenters);
}

/**
 * The [outLen, inLen] matrix the forward resize applies along one axis, read off the forward op
 * itself (resizing an identity "image"), so it matches every backend's forward exactly.
 */
function axisMatrix(kind: Kind, inLen: number, outLen: number, a: ResizeAttrs): Tensor {
  const eye = tf.reshape(tf.eye(inLen), [1, inLen, 1, inLen]); // height inLen, width 1, one channel per row
  return tf.reshape(resize(kind, eye, [outLen, 1], a), [outLen, inLen]);
}

/** dX = R_hᵀ · dY · R_w per image and channel: the adjoint of the separable forward resize. */
export function resizeAdjoint(kind: Kind, dy: Tensor, imageShape: number[], a: ResizeAttrs): Tensor {
  const [n, h, w, c] = imageShape;
  const [, oh, ow] = dy.shape; // dy: [N, oh, ow, C]
  const rh = axisMatrix(kind, h, oh, a); // [oh, h]
  const rw = axisMatrix(kind, w, ow, a); // [ow, w]
  const t = tf.reshape(tf.transpose(dy, [0, 3, 1, 2]), [n * c * oh, ow]); // [N·C·oh, ow]
  const u = tf.reshape(tf.matMul(t, rw), [n * c, oh, w]); // [N·C, oh, w]
  const v = tf.reshape(tf.transpose(u, [0, 2, 1]), [n * c * w, oh]); // [N·C·w, oh]
  const x = tf.reshape(tf.matMul(v, rh), [n, c, w, h]); // [N, C, w, h]
  return tf.transpose(x, [0, 3, 2, 1]); // [N, h, w, C]
}

/**
 * Whether `backend`'s grad kernel needs the adjoint path: every backend ignores halfPixelCenters, and
 * cpu's kernels are wrong for non-square images (bilinear swaps H and W, nearest reads out of range).
 */
function needsAdjoint(backend: string, a: ResizeAttrs, imageShape: number[]): boolean {
  return a.halfPixelCenters || (backend === 'cpu' && imageShape[1] !== imageShape[2]);
}

/** Wraps the resize grad kernels of each imported backend (except tfjs-node's) with the adjoint path. */
export function patchResizeGradKernels(): void {
  for (const backendName of knownBackends()) {
    if (backendName === 'tensorflow') continue;
    for (const [kind, gradKernel] of GRAD_KERNELS) {
      if (!tf.getKernel(gradKernel, backendName)) continue;
      patchKernel(gradKernel, backendName, (previous) =>
        compositeKernel(({ dy, images }, attrs) => {
          const a = attrs as unknown as ResizeAttrs;
          return needsAdjoint(backendName, a, images.shape)
            ? resizeAdjoint(kind, dy, images.shape, a)
            : callKernel(previous as tf.KernelConfig, { dy, images }, attrs);
        }),
      );
    }
  }
}

/** Registers gradients for the resize grad kernels (second order): the forward resize. */
export function patchResizeGradients(): void {
  for (const [kind, gradKernel] of GRAD_KERNELS) {
    patchGradient({
      kernelName: gradKernel,
      // The grad kernel is linear in dy with matrix Rᵀ, so its adjoint is the forward resize.
      gradFunc: (ddx, _saved, attrs) => {
        const a = attrs as unknown as ResizeAttrs;
        const g = ddx as Tensor; // [N, H, W, C], the images' shape
        return { dy: () => resize(kind, g, a.size, a), images: () => tf.zerosLike(g) };
      },
    });
  }
}
