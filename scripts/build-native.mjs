// Install step: builds the native backend addon (native/) with node-gyp when OpenBLAS is installed,
// and otherwise says how to get it. It never fails the install: without the addon genlab runs on wasm.
// Env: GENLAB_NATIVE=off skips the build; GENLAB_NATIVE_PRETEND_NO_OPENBLAS=1 makes the OpenBLAS
// search come back empty (to test the fallback path on a machine that has it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HINT = 'genlab: native backend not built (%s); training runs on wasm. For the faster native backend: apt install libopenblas-dev, then npm install (or npm rebuild genlab).';

/** Include dir and link flags of OpenBLAS from pkg-config, else from the usual Debian/Fedora/Homebrew paths. */
function findOpenBlas() {
  if (process.env.GENLAB_NATIVE_PRETEND_NO_OPENBLAS === '1') return null;
  const pc = (args) => spawnSync('pkg-config', args, { encoding: 'utf8' });
  const cflags = pc(['--cflags-only-I', 'openblas']);
  const libs = pc(['--libs', 'openblas']);
  if (cflags.status === 0 && libs.status === 0) {
    const include = cflags.stdout.trim().split(/\s+/).filter(Boolean).map((f) => f.replace(/^-I/, ''));
    if (include.some((d) => existsSync(path.join(d, 'cblas.h')))) {
      const libDirs = libs.stdout.trim().split(/\s+/).filter((f) => f.startsWith('-L')).map((f) => f.slice(2));
      return { include, libs: [libs.stdout.trim(), ...libDirs.map((d) => `-Wl,-rpath,${d}`)].join(' ') };
    }
  }
  for (const prefix of ['/usr/include/openblas', '/usr/local/opt/openblas/include', '/opt/homebrew/opt/openblas/include']) {
    if (existsSync(path.join(prefix, 'cblas.h'))) {
      const lib = path.join(path.dirname(prefix), 'lib');
      return { include: [prefix], libs: `-L${lib} -Wl,-rpath,${lib} -lopenblas` };
    }
  }
  return null;
}

/** node-gyp: the copy npm runs scripts with, else the one bundled with npm next to this node. */
function nodeGyp() {
  if (process.env.npm_config_node_gyp && existsSync(process.env.npm_config_node_gyp)) return process.env.npm_config_node_gyp;
  const bundled = path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  return existsSync(bundled) ? bundled : null;
}

/** Node's own headers next to this binary, so node-gyp downloads nothing. */
function nodeDir() {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : null;
}

function main() {
  if (process.env.GENLAB_NATIVE === 'off') return console.log(HINT.replace('%s', 'GENLAB_NATIVE=off'));
  if (!existsSync(path.join(root, 'native', 'binding.gyp'))) return; // a package built without native sources
  const blas = findOpenBlas();
  if (!blas) return console.log(HINT.replace('%s', 'OpenBLAS headers not found'));
  const gyp = nodeGyp();
  if (!gyp) return console.log(HINT.replace('%s', 'node-gyp not found'));
  const dir = nodeDir();
  const args = [gyp, 'rebuild', '--directory', path.join(root, 'native'), ...(dir ? [`--nodedir=${dir}`] : [])];
  const env = { ...process.env, GENLAB_OPENBLAS_INCLUDE: blas.include.join(' '), GENLAB_OPENBLAS_LIBS: blas.libs };
  const r = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    console.log(`${tail}\n${HINT.replace('%s', 'the node-gyp build failed; its output is above')}`);
    return;
  }
  console.log('genlab: native backend built (OpenBLAS); it is chosen automatically (or with --backend native).');
}

try {
  main();
} catch (err) {
  console.log(HINT.replace('%s', `build script error: ${err instanceof Error ? err.message : String(err)}`));
}
