// Index validation shared by the in-memory datasets: every batch() call checks its indices up front
// so a bad index fails with the dataset's name and size instead of reading garbage or NaN.

/** Throws unless every entry of `indices` is an integer in [0, size). */
export function checkIndices(indices: ArrayLike<number>, size: number, name: string): void {
  if (indices.length === 0) throw new Error(`${name}: batch() needs at least one index, got none.`);
  for (let i = 0; i < indices.length; i++) {
    const k = indices[i];
    if (!Number.isInteger(k) || k < 0 || k >= size) {
      throw new Error(
        `${name}: index ${k} (position ${i} of the batch) is out of range; valid indices are integers 0..${size - 1}.`,
      );
    }
  }
}
