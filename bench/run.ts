/**
 * `npm run bench`: measures in headless Chromium against the built app on `vite preview`, on
 * Demo Kommune files from the generator. Prints one JSON document and writes it to
 * bench/results/<timestamp>.json.
 *
 * Options: --sizes 100000,1000000 (CSV line counts; 5000000 works too), --xlsx 100000 (0 skips),
 * --no-build (reuse dist/).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { generateToDirectory } from '../src/cli/gen.js';
import { launchChromium, PREVIEW_ORIGIN, startPreview } from '../test/support/browser.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const count = (s: string) => Number(s.replace(/_/g, ''));
const sizes = (arg('--sizes') ?? '100000,1000000').split(',').map(count);
const xlsxLines = count(arg('--xlsx') ?? '100000');

/** Peak resident memory (VmHWM, MB) over Chromium's renderer processes: the tab and its workers. */
function rendererPeakMB(): number {
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer')) continue;
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]));
    } catch {
      // the process ended while we looked
    }
  }
  return Math.round(peak / 1024);
}

async function dataFile(lines: number, format: 'csv' | 'xlsx'): Promise<string> {
  const dir = path.join(ROOT, 'bench/data', `${format}-${lines}`);
  const file = path.join(dir, format === 'csv' ? 'fakturalinjer.csv' : 'fakturalinjer.xlsx');
  if (!existsSync(file)) {
    await generateToDirectory({ lines, seed: 'bench', out: dir, formats: [format], spend: 1_000_000_000, truth: false });
  }
  return file;
}

type Bench = { overblikBench: { ready: Promise<{ engineStartMs: number; bundle: string }>; floor(): Promise<Record<string, number>>; importFile(): Promise<Record<string, number>> } };

/** One fresh browser per measurement, so peak memory and cold start belong to it alone. */
async function measure(file: string, run: (page: Page) => Promise<Record<string, number>>) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const navStart = Date.now();
    await page.goto(`${PREVIEW_ORIGIN}/src/bench/index.html`);
    const start = await page.evaluate(() => (window as unknown as Bench).overblikBench.ready);
    const coldStartMs = Date.now() - navStart;
    await page.setInputFiles('#bench-file', file);
    const result = await run(page);
    return { coldStartMs, engineStartMs: Math.round(start.engineStartMs), bundle: start.bundle, ...result, rendererPeakMB: rendererPeakMB() };
  } finally {
    await browser.close();
  }
}

const floor = (page: Page) => page.evaluate(() => (window as unknown as Bench).overblikBench.floor());
const importFile = (page: Page) => page.evaluate(() => (window as unknown as Bench).overblikBench.importFile());
const round = (x: number) => Math.round(x * 100) / 100;

async function main() {
  if (!args.includes('--no-build')) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const preview = await startPreview();
  const results: Record<string, unknown>[] = [];
  try {
    for (const lines of sizes) {
      const file = await dataFile(lines, 'csv');
      const f = await measure(file, floor);
      const i = await measure(file, importFile);
      const floorMs = Number(f.ingestMs) + Number(f.groupByMs);
      results.push({
        kind: 'csv', lines, fileMB: round(statSync(file).size / 1_048_576), floor: f, import: i,
        importToFloor: round(Number(i.totalMs) / floorMs),
        // Issue 5's target: classification with 1,000+ rules in no more time than read_csv of the file.
        classifyRulesToReadCsv: round(Number(i.classifyRulesMs) / Number(f.ingestMs)),
        dropToClassifiedMs: Number(i.totalMs) + Number(i.analyseMs),
      });
      process.stderr.write(`bench: csv ${lines} done\n`);
    }
    if (xlsxLines > 0) {
      const file = await dataFile(xlsxLines, 'xlsx');
      const i = await measure(file, importFile);
      const csv = await dataFile(xlsxLines, 'csv');
      const f = await measure(csv, floor);
      results.push({ kind: 'xlsx', lines: xlsxLines, fileMB: round(statSync(file).size / 1_048_576), import: i, floorOfSameLinesAsCsv: f, importToFloor: round(Number(i.totalMs) / Number(f.ingestMs + f.groupByMs)) });
      process.stderr.write(`bench: xlsx ${xlsxLines} done\n`);
    }
  } finally {
    await preview.stop();
  }
  const report = { date: new Date().toISOString(), machine: { cpus: cpus().length }, results };
  const json = JSON.stringify(report, null, 2);
  const outDir = path.join(ROOT, 'bench/results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, `${report.date.replace(/[:.]/g, '-')}.json`), json + '\n');
  console.log(json);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
