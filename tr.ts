import { trainRun } from './src/node/train-run.js';
const t = performance.now();
const r = await trainRun({ modelId: 'vae', preset: 'tiny', out: '/tmp/run-tiny', backend: process.argv[2] ?? 'wasm', onEvent: (e) => { if (e.type !== 'step') console.log(JSON.stringify(e)); } });
console.log(r.dir, r.result, (performance.now()-t)/1000);
r.session.dispose();
