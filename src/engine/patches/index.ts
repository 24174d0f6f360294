// Registers genlab's kernel and gradient patches for tfjs 4.22 (filled in by the engine work).
/** Applies every patch once per backend; safe to call repeatedly. */
export function applyPatches(): void {}
