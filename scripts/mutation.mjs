// Mutation testing with Stryker (stryker-mutator.io): mutates the chosen source files, runs only the test
// files scripts/mutation-map.json assigns to them, and writes .tmp/mutation/<name>/report.{html,json}.
// Usage: npm run mutation -- FILE...     (MUTATION_ALL=1 and no FILE: every file the map covers — hours)
//        MUTATION_SMOKE=1 npm run mutation   (src/metrics/auc.ts, ~2 minutes: the CI check)
// Env: MUTATION_CONCURRENCY (default 1), MUTATION_RUNNER=tap|command (default tap: per-test-file coverage).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const map = JSON.parse(readFileSync(path.join(root, 'scripts', 'mutation-map.json'), 'utf8'));
const keys = Object.keys(map).filter((k) => k.startsWith('src/'));

/** Test files of one source file: its own key, else the longest directory key above it. */
function testsFor(file) {
  const key = map[file] ? file : keys.filter((k) => k.endsWith('/') && file.startsWith(k)).sort((a, b) => b.length - a.length)[0];
  return key ? map[key] : null;
}

function walk(dir) {
  return readdirSync(path.join(root, dir)).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(path.join(root, p)).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const smoke = process.env.MUTATION_SMOKE === '1';
let files = smoke ? ['src/metrics/auc.ts'] : process.argv.slice(2).map((f) => path.relative(root, path.resolve(f)));
if (files.length === 0) {
  const all = [...new Set(keys.flatMap((k) => (k.endsWith('/') ? walk(k.slice(0, -1)) : [k])))].sort();
  if (process.env.MUTATION_ALL !== '1') {
    console.error(`Name the files to mutate (npm run mutation -- src/metrics/fid.ts ...); MUTATION_ALL=1 runs all ${all.length} mapped files (hours on 2 cores):\n  ${all.join('\n  ')}`);
    process.exit(2);
  }
  files = all;
}
const missing = files.filter((f) => !existsSync(path.join(root, f)) || !testsFor(f));
if (missing.length) {
  console.error(`No such file or no entry in scripts/mutation-map.json: ${missing.join(', ')}`);
  process.exit(2);
}
// test files that do not exist (e.g. on an older checkout) are dropped, not fatal
const tests = [...new Set(files.flatMap(testsFor))].filter((t) => existsSync(path.join(root, t))).sort();
const core = path.join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
if (!existsSync(core)) {
  console.error('Stryker is not installed: npm install --no-save @stryker-mutator/core@9.6.1 @stryker-mutator/tap-runner@9.6.1');
  process.exit(2);
}

const name = smoke ? 'smoke' : files.length === 1 ? path.basename(files[0], '.ts') : 'run';
const out = path.join('.tmp', 'mutation', name);
mkdirSync(path.join(root, out), { recursive: true });
const runner = process.env.MUTATION_RUNNER ?? 'tap';
const config = {
  $schema: '../../../node_modules/@stryker-mutator/core/schema/stryker-schema.json',
  mutate: files,
  testRunner: runner,
  plugins: runner === 'tap' ? ['@stryker-mutator/tap-runner'] : [],
  // the tap runner starts one node per test file, with Stryker's hook loaded, and records which files
  // reach which mutant (perTest coverage): each mutant then runs only the files that can kill it
  tap: { testFiles: tests, nodeArgs: ['--import', 'tsx', '--test-reporter=tap', '-r', '{{hookFile}}', '{{testFile}}'] },
  commandRunner: { command: `node --import tsx --test --test-concurrency=1 ${tests.join(' ')}` },
  coverageAnalysis: runner === 'tap' ? 'perTest' : 'off',
  concurrency: Number(process.env.MUTATION_CONCURRENCY ?? 1),
  timeoutMS: 5000, // on top of 2× the unmutated time: mutants that loop forever cost seconds, not minutes
  timeoutFactor: 2,
  // native/build is a symlink Stryker cannot copy: the sandbox runs the cpu and wasm backends only
  ignorePatterns: ['bench', 'runs', 'dist', '.tmp', 'studio', 'examples', 'native/build'],
  tempDirName: path.join('.tmp', 'stryker-tmp'),
  // tsx runs the sources untyped, and TypeScript 7 has no JS API for Stryker's tsconfig rewriting
  tsconfigFile: 'no-tsconfig-for-stryker.json',
  disableTypeChecks: false,
  cleanTempDir: true,
  reporters: ['html', 'json', 'clear-text', 'progress-append-only'],
  htmlReporter: { fileName: path.join(out, 'report.html') },
  jsonReporter: { fileName: path.join(out, 'report.json') },
  clearTextReporter: { allowColor: false, logTests: false, reportMutants: false, reportScoreTable: true },
  thresholds: { high: 80, low: 60, break: null },
};
const configFile = path.join(out, 'stryker.config.json');
writeFileSync(path.join(root, configFile), JSON.stringify(config, null, 2) + '\n');
console.log(`mutating ${files.join(', ')}\ntests: ${tests.join(' ')}`);
const t0 = Date.now();
const r = spawnSync(process.execPath, [core, 'run', configFile], { cwd: root, stdio: 'inherit' });
const wall = (Date.now() - t0) / 1000;
if (r.status !== 0) process.exit(r.status ?? 1);

// score = killed / (killed + survived), timeouts counted as killed and no-coverage as survived
const report = JSON.parse(readFileSync(path.join(root, out, 'report.json'), 'utf8'));
const summary = Object.entries(report.files).map(([file, f]) => {
  const n = (s) => f.mutants.filter((m) => m.status === s).length;
  const killed = n('Killed') + n('Timeout');
  const survived = n('Survived') + n('NoCoverage');
  return { file, mutants: f.mutants.length, killed, survived, ignored: n('CompileError') + n('RuntimeError') + n('Ignored'), score: killed / Math.max(1, killed + survived) };
});
for (const s of summary) console.log(`${s.file}: ${s.killed}/${s.killed + s.survived} killed = ${(100 * s.score).toFixed(1)} % (${s.ignored} errors/ignored)`);
console.log(`wall time ${wall.toFixed(0)} s; report ${path.join(out, 'report.html')}`);
writeFileSync(path.join(root, out, 'summary.json'), JSON.stringify({ files: summary, tests, wallSeconds: wall, runner }, null, 2) + '\n');
if (smoke && summary.some((s) => s.score < 0.5)) {
  console.error('mutation smoke: score below 50 %');
  process.exit(1);
}
