// Description of the benchmark machine recorded with every result file (other processes on a small
// box slow the kernels down, so the load average belongs with the numbers).
import { cpus, loadavg, totalmem } from 'node:os';

export function machineInfo() {
  return { cores: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), loadavg1: Number(loadavg()[0].toFixed(2)), node: process.version };
}
