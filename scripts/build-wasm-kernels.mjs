// Developer step, not run at install: compiles genlab's wasm SIMD kernels (wasm/src, which reuses
// native/src/conv.c) with clang and wasm-ld (Debian: apt install clang-16 lld-16) and writes the binary,
// base64-encoded, to src/engine/wasm-kernels/binary.ts — committed, so users and CI need no compiler.
// The module imports tfjs-wasm's memory and allocator, so it must own no memory: the build fails if
// the linker emitted a data section. Usage: node scripts/build-wasm-kernels.mjs [--check]
// (--check rebuilds and fails when the committed binary differs).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = [
  'wasm/src/gemm.c', 'wasm/src/dgemm.c', 'wasm/src/conv.c', 'wasm/src/reduce.c', 'wasm/src/entries.c',
  ...['tile', 'copy', 'resample', 'compare', 'select', 'binary', 'optim', 'norm', 'reduce-strided', 'unary', 'gelu'].map((f) => `native/src/${f}.c`),
];
const OUT = path.join(root, 'src/engine/wasm-kernels/binary.ts');
// Everything the binary is built from, hashed into binary.ts so a test can tell when it is stale.
const INPUTS = [
  ...SOURCES,
  'native/src/conv.c', // #included by wasm/src/conv.c
  ...readdirSync(path.join(root, 'wasm/include')).map((f) => `wasm/include/${f}`),
  ...readdirSync(path.join(root, 'native/src')).filter((f) => f.endsWith('.h')).map((f) => `native/src/${f}`),
].sort();
const sourceHash = createHash('sha256');
for (const f of INPUTS) sourceHash.update(`${f}\n`).update(readFileSync(path.join(root, f)));

function findClang() {
  for (const name of ['clang', 'clang-19', 'clang-18', 'clang-17', 'clang-16']) {
    const r = spawnSync(name, ['--version'], { encoding: 'utf8' });
    if (r.status === 0) return name;
  }
  throw new Error('build-wasm-kernels: no clang found; apt install clang-16 lld-16');
}

/** Compiles the sources with `extra` flags and returns the checked module bytes. */
function build(extra) {
  const workDir = mkdtempSync(path.join(tmpdir(), 'genlab-wasm-'));
  const wasmFile = path.join(workDir, 'kernels.wasm');
  const args = [
    '--target=wasm32', '-msimd128', ...extra, '-mbulk-memory', '-O3', '-std=c11', '-nostdlib', '-ffreestanding',
    // no contraction: a * b + c stays two roundings in the libm polynomials, on every CPU
    '-ffp-contract=off', '-fno-math-errno', '-Wall', '-Wextra', '-Werror', '-I', path.join(root, 'wasm/include'),
    '-Wl,--no-entry', '-Wl,--import-memory', '-Wl,--export=__stack_pointer', '-Wl,-z,stack-size=0',
    '-o', wasmFile, ...SOURCES.map((s) => path.join(root, s)),
  ];
  const cc = spawnSync(clang, args, { stdio: 'inherit' });
  if (cc.status !== 0) process.exit(cc.status ?? 1);
  const bytes = readFileSync(wasmFile);
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(bytes)).map((i) => `${i.module}.${i.name}`).sort();
  if (JSON.stringify(imports) !== JSON.stringify(['env.free', 'env.malloc', 'env.memory'])) {
    throw new Error(`build-wasm-kernels: unexpected imports ${imports.join(', ')}`);
  }
  // Section id 11 is data: initialised memory would overwrite tfjs' heap at link-time addresses.
  for (let at = 8; at < bytes.length;) {
    const id = bytes[at++];
    let size = 0, shift = 0, byte;
    do { byte = bytes[at++]; size |= (byte & 0x7f) << shift; shift += 7; } while (byte & 0x80);
    if (id === 11) throw new Error('build-wasm-kernels: the module has a data section; kernels must not use static data');
    at += size;
  }
  checkVectorised(wasmFile);
  rmSync(workDir, { recursive: true, force: true });
  return bytes;
}

/**
 * The elementwise kernels are only fast when clang's loop vectoriser turned them into SIMD code, which
 * an un-inlined libm call silently prevents (GELU ran 10× slower that way): fail the build instead.
 */
function checkVectorised(wasmFile) {
  const objdump = ['llvm-objdump', 'llvm-objdump-19', 'llvm-objdump-18', 'llvm-objdump-17', 'llvm-objdump-16', '/usr/lib/llvm-16/bin/llvm-objdump']
    .find((name) => spawnSync(name, ['--version']).status === 0);
  if (!objdump) { console.warn('build-wasm-kernels: no llvm-objdump; vectorisation not checked'); return; }
  const text = spawnSync(objdump, ['-d', wasmFile], { encoding: 'utf8', maxBuffer: 64 << 20 }).stdout;
  for (const fn of ['genlab_unary', 'genlab_gelu', 'genlab_gelu_grad', 'genlab_silu_grad', 'genlab_binary', 'gemm_panel']) {
    const body = text.split(`<${fn}>:`)[1]?.split(/\n\n/)[0] ?? '';
    if (!/f32x4/.test(body) || /\bcall\b/.test(body)) throw new Error(`build-wasm-kernels: ${fn} is not vectorised (or calls out)`);
  }
}

const clang = findClang();
v8.setFlagsFromString('--experimental-wasm-relaxed-simd'); // so the relaxed build can be checked here
const bytes = build([]);
const relaxed = build(['-mrelaxed-simd']);

const text = `// Generated by scripts/build-wasm-kernels.mjs — do not edit; rebuild after changing its inputs.\n` +
  `/** The files the binary was built from, and the sha256 of their paths and contents (test/engine/wasm-binary.test.ts). */\n` +
  `export const WASM_KERNELS_INPUTS: readonly string[] = ${JSON.stringify(INPUTS)};\n` +
  `export const WASM_KERNELS_INPUTS_SHA256 = '${sourceHash.digest('hex')}';\n` +
  `/** SIMD128 only. */\n` +
  `export const WASM_KERNELS_BASE64 =\n  '${bytes.toString('base64')}';\n` +
  `/** SIMD128 and relaxed SIMD (the matmul's fused multiply-add), where the runtime validates it. */\n` +
  `export const WASM_KERNELS_RELAXED_BASE64 =\n  '${relaxed.toString('base64')}';\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(OUT, 'utf8') !== text) { console.error('build-wasm-kernels: binary.ts is stale; rebuild it'); process.exit(1); }
  console.log('build-wasm-kernels: binary.ts is up to date');
} else {
  writeFileSync(OUT, text);
  console.log(`build-wasm-kernels: wrote ${path.relative(root, OUT)} (${bytes.length} + ${relaxed.length} bytes of wasm)`);
}
