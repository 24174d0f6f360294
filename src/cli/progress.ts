// Terminal progress for training events: a cli-progress bar with ETA and the latest losses.
import cliProgress from 'cli-progress';
import type { TrainEvent } from '../train/events.js';

function fmt(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4);
}

/** Returns a listener that draws a progress bar on stderr, and a function to stop it. */
export function progressReporter(label: string): { onEvent: (e: TrainEvent) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} |{bar}| {value}/{total} steps | {rate} it/s | ETA {eta_formatted} | {losses}`,
      stream: process.stderr,
      hideCursor: false,
      etaBuffer: 50,
      noTTYOutput: !process.stderr.isTTY,
      notTTYSchedule: 5000,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  let t0 = 0;
  let first = 0;
  const stop = () => {
    if (started) bar.stop();
    started = false;
  };
  return {
    stop,
    onEvent(e) {
      if (e.type === 'start') {
        bar.start(e.totalSteps, e.step, { losses: '', rate: '-' });
        started = true;
        t0 = performance.now();
        first = e.step;
      } else if (e.type === 'step') {
        const losses = Object.entries(e.losses).slice(0, 3).map(([k, v]) => `${k} ${fmt(v)}`).join(' ');
        const rate = ((e.step - first) / ((performance.now() - t0) / 1000)).toFixed(1);
        bar.update(e.step, { losses, rate });
      } else if (e.type === 'eval') {
        const text = Object.entries(e.metrics).map(([k, v]) => `${k}=${fmt(v)}`).join(' ');
        if (started) bar.update({ losses: `[eval @${e.step}] ${text}` });
      } else if (e.type === 'end') {
        stop();
        if (e.stopped) process.stderr.write(`${e.stopped}\n`); // e.g. the DP-SGD ε budget was reached
      }
    },
  };
}
