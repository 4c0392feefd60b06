import { once } from 'node:events';
import { createWriteStream, mkdirSync, readdirSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  FILE_NAMES, FORMATS, type Format, Generation, MANIFEST_FILE, type ManifestFor, PROFILE_IDS, type ProfileId, profileFor, TRUTH_FILE,
} from '../core/gen/index.js';

/**
 * `npm run gen -- [--profile demo|fjordby] --lines N --seed S --out DIR [--formats ...] [--spend KR]`:
 * writes a municipality's files with streams (5M lines never sit in memory), then manifest.json
 * and truth.csv.
 */

const USAGE = `Usage: npm run gen -- [--profile ${PROFILE_IDS.join('|')}] --lines N --seed S --out DIR [--formats ...] [--spend KR] [--no-truth]

  --profile P   municipality: demo (Demo Kommune, default) or fjordby (Fjordby Kommune)
  --lines N     invoice lines to write (e.g. 100000, 1e6, 250k, 5M)
  --seed S      any text; the same seed and options give byte-identical files (default 1)
  --out DIR     output folder (created if missing)
  --formats     comma list of: ${FORMATS.join(', ')}
                (default demo: csv,ecommerce,contracts; fjordby: csv,contracts; fjordby has no
                csv-dot, xlsx or ecommerce export)
  --spend KR    addressable spend a year in kr. (default demo 1000000000, fjordby 565500000)
  --no-truth    leave out truth.csv`;

export interface CliOptions<P extends ProfileId = ProfileId> {
  /** Default `demo`. */
  profile?: P;
  lines: number;
  seed: string;
  out: string;
  formats: Format[];
  /** Addressable spend a year in kr.; default the profile's. */
  spend?: number;
  truth: boolean;
}

export function parseCount(text: string): number {
  const m = /^(\d+(?:\.\d+)?(?:e\d+)?)([kKmM]?)$/.exec(text.replaceAll('_', ''));
  if (!m) return Number.NaN;
  const scale = m[2] === '' ? 1 : m[2]!.toLowerCase() === 'k' ? 1e3 : 1e6;
  return Math.round(Number(m[1]) * scale);
}

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { profile: 'demo', lines: Number.NaN, seed: '1', out: '', formats: [], truth: true };
  let formats: Format[] | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--profile') {
      const p = value();
      if (!(PROFILE_IDS as readonly string[]).includes(p)) throw new Error(`unknown profile "${p}" (known: ${PROFILE_IDS.join(', ')})`);
      options.profile = p as ProfileId;
    } else if (arg === '--lines') options.lines = parseCount(value());
    else if (arg === '--seed') options.seed = value();
    else if (arg === '--out') options.out = value();
    else if (arg === '--spend') options.spend = parseCount(value());
    else if (arg === '--no-truth') options.truth = false;
    else if (arg === '--formats') {
      const list = value().split(',').map((f) => f.trim()).filter(Boolean);
      for (const f of list) if (!(FORMATS as readonly string[]).includes(f)) throw new Error(`unknown format "${f}" (known: ${FORMATS.join(', ')})`);
      formats = list as Format[];
    } else if (arg === '--help' || arg === '-h') throw new Error(USAGE);
    else throw new Error(`unknown option ${arg}\n${USAGE}`);
  }
  if (!Number.isInteger(options.lines) || options.lines < 1) throw new Error(`--lines must be a positive number\n${USAGE}`);
  if (!options.out) throw new Error(`--out is required\n${USAGE}`);
  if (options.spend !== undefined && !(options.spend > 0)) throw new Error('--spend must be a positive number');
  const profile = profileFor(options.profile ?? 'demo');
  options.formats = formats ?? [...profile.defaultFormats];
  for (const f of options.formats) {
    if (!profile.formats.includes(f)) throw new Error(`${profile.municipality.name} has no ${f} export (its formats: ${profile.formats.join(', ')})`);
  }
  return options;
}

/** Files a previous run may have left in the folder; removed so the folder holds one run only. */
function removeOldOutputs(dir: string): void {
  const ours = new Set<string>([...Object.values(FILE_NAMES), TRUTH_FILE, MANIFEST_FILE]);
  for (const name of readdirSync(dir)) {
    if (ours.has(name) || /^fakturaer-oioubl-\d+\.zip$/.test(name)) rmSync(path.join(dir, name));
  }
}

/** Writes the requested files into `options.out` and returns the manifest (also written there). */
export async function generateToDirectory<P extends ProfileId = 'demo'>(
  options: CliOptions<P>, log: (text: string) => void = () => undefined,
): Promise<ManifestFor<P>> {
  const started = performance.now();
  mkdirSync(options.out, { recursive: true });
  removeOldOutputs(options.out);
  const streams = new Map<string, WriteStream>();
  let failure: Error | null = null;
  const streamFor = (name: string): WriteStream => {
    let s = streams.get(name);
    if (!s) {
      s = createWriteStream(path.join(options.out, name));
      s.on('error', (e) => (failure ??= e));
      streams.set(name, s);
    }
    return s;
  };
  const generation = new Generation<P>(
    { profile: options.profile, lines: options.lines, seed: options.seed, formats: options.formats, annualSpendKr: options.spend, truth: options.truth },
    (name, bytes) => streamFor(name).write(bytes),
  );
  let lastReport = started;
  for (const written of generation.run()) {
    if (failure) throw failure;
    // Wait for the disk whenever a stream's buffer is full, so memory stays flat.
    for (const s of streams.values()) if (s.writableNeedDrain) await once(s, 'drain');
    const now = performance.now();
    if (now - lastReport > 5000) {
      lastReport = now;
      log(`  ${written.toLocaleString('da-DK')} of ${options.lines.toLocaleString('da-DK')} lines\n`);
    }
  }
  await Promise.all([...streams.values()].map((s) => new Promise<void>((resolve, reject) => s.end((e?: Error | null) => (e ? reject(e) : resolve())))));
  if (failure) throw failure;
  const manifest = generation.manifest();
  writeFileSync(path.join(options.out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`${manifest.municipality.name}: ${manifest.totals.invoiceLines} lines, ${manifest.totals.documents} invoices, ${Math.round(manifest.totals.spendDkk).toLocaleString('da-DK')} kr. in ${seconds} s\n`);
  return manifest;
}

async function main(options: CliOptions): Promise<void> {
  const manifest = await generateToDirectory(options, (text) => process.stderr.write(text));
  for (const f of manifest.files) process.stdout.write(`${path.join(options.out, f.name)}\t${f.format}\t${f.rows} rows\n`);
  if (manifest.truth) process.stdout.write(`${path.join(options.out, manifest.truth.file)}\t${manifest.truth.rows} rows\n`);
  process.stdout.write(`${path.join(options.out, MANIFEST_FILE)}\n`);
}

// Tests import parseArgs; only a direct run generates.
const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  let options: CliOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  main(options).catch((e: unknown) => {
    process.stderr.write(`gen: ${(e as Error).message}\n`);
    process.exit(1);
  });
}
