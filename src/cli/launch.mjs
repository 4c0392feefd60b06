// `npm run cli`: the command line (src/cli/main.ts) from one JavaScript file that esbuild bundles from
// the sources, built again only when a file it was built from has changed. Running the sources through
// tsx compiled some 200 modules on every start: 1.4 s before the first statement, against 0.6 s through
// this launcher (the usage text, five runs each, this 2-core machine). Plain JavaScript, so nothing compiles this file.
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// node_modules/.cache: build output stays out of git, and the bundle's own imports of packages
// (left external: @duckdb/node-api loads a native binding) resolve from there as from src.
const OUT_DIR = path.join(ROOT, 'node_modules', '.cache', 'overblik-cli');
const BUNDLE = path.join(OUT_DIR, 'main.mjs');
const INPUTS = path.join(OUT_DIR, 'inputs.json');

/** The bundle is current when no file it was built from, nor this launcher, changed after its build began. */
async function current() {
  try {
    const { started, inputs } = JSON.parse(await readFile(INPUTS, 'utf8'));
    await stat(BUNDLE);
    const files = [...inputs.map((f) => path.resolve(ROOT, f)), fileURLToPath(import.meta.url)];
    const times = await Promise.all(files.map(async (f) => (await stat(f)).mtimeMs));
    return times.every((t) => t < started);
  } catch {
    // No bundle yet, or a source was removed or renamed.
    return false;
  }
}

/** Writes through a file of this process's own, renamed into place: runs started together never read half a file. */
async function put(file, contents) {
  const part = `${file}.${process.pid}.part`;
  await writeFile(part, contents);
  await rename(part, file);
}

/** The bundle's path, built first if a source changed. */
export async function ensureBundle() {
  if (await current()) return BUNDLE;
  const started = Date.now();
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/main.ts'],
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  await mkdir(OUT_DIR, { recursive: true });
  for (const out of result.outputFiles) await put(out.path, out.contents);
  // Last, so a bundle is never taken as current on the list of an older one.
  await put(INPUTS, JSON.stringify({ started, inputs: Object.keys(result.metafile.inputs) }));
  return BUNDLE;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const bundle = await ensureBundle();
  // The stacks OVERBLIK_DEBUG prints point into src/, not into the bundle. Only then: reading the
  // source map costs about 70 ms of every start.
  if (process.env.OVERBLIK_DEBUG) process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
}
