// Finds a Python that can run the PyTorch twins (`import torch, scipy`). The first python3 on PATH is
// often a pyenv/venv one without torch while Debian's /usr/bin/python3 has python3-torch, so several
// candidates are probed; GENLAB_TORCH_PYTHON names one explicitly.
import { spawnSync } from 'node:child_process';

export const TORCH_HINT =
  'No Python with PyTorch found for --vs-torch (tried: CANDIDATES). Install Debian\'s build with OpenBLAS: ' +
  '`sudo apt install python3-torch python3-scipy libopenblas0-pthread` (then /usr/bin/python3 has it), ' +
  'or `pip install torch scipy`, or set GENLAB_TORCH_PYTHON=/path/to/python.';

/** Candidate interpreters in order: $GENLAB_TORCH_PYTHON, python3 on PATH, Debian's /usr/bin/python3. */
export function torchPythonCandidates(env: Record<string, string | undefined> = process.env): string[] {
  return [...new Set([env.GENLAB_TORCH_PYTHON, 'python3', '/usr/bin/python3'].filter((p): p is string => Boolean(p)))];
}

/** Whether `python` can import torch and scipy (what the twins need). */
export function canImportTorch(python: string): boolean {
  const r = spawnSync(python, ['-c', 'import torch, scipy'], { stdio: 'ignore', timeout: 60000 });
  return r.status === 0;
}

/** The first candidate that imports torch; throws the install hint when none does. */
export function findTorchPython(candidates = torchPythonCandidates(), probe = canImportTorch): string {
  const found = candidates.find(probe);
  if (!found) throw new Error(TORCH_HINT.replace('CANDIDATES', candidates.join(', ')));
  return found;
}
