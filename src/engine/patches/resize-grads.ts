// Resize gradients: exact adjoints for halfPixelCenters (tfjs' ResizeBilinearGrad and
// ResizeNearestNeighborGrad disagree with their forward there) and the grads of the grad kernels.
import { tf, type Tensor } from '../tf.js';
import { patchGradient } from './registry.js';

type Kind = 'bilinear' | 'nearest';

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

/** Registers resize gradients (adjoint path for halfPixelCenters) and their second-order gradients. */
export function patchResizeGradients(): void {
  for (const [kind, kernelName] of [['bilinear', 'ResizeBilinear'], ['nearest', 'ResizeNearestNeighbor']] as const) {
    const gradKernel = `${kernelName}Grad`;
    patchGradient({
      kernelName,
      inputsToSave: ['images'],
      gradFunc: (dy, [images], attrs) => ({
        images: () => {
          const a = attrs as unknown as ResizeAttrs;
          if (a.halfPixelCenters) return resizeAdjoint(kind, dy as Tensor, images.shape, a);
          return tf.engine().runKernel(gradKernel, { dy: dy as Tensor, images }, attrs) as Tensor;
        },
      }),
    });
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
