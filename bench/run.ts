/**
 * `npm run bench`: measures in headless Chromium against the built app on `vite preview`.
 * Prints one JSON document and writes it to bench/results/<timestamp>.json.
 *
 * Options: --sizes 100000,1000000 (line counts), --no-build (reuse dist/).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, PREVIEW_ORIGIN, startPreview } from '../test/support/browser.js';
import { writeFloorCsv } from './floor-data.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const sizes = (arg('--sizes') ?? '100000,1000000').split(',').map((s) => Number(s.replace(/_/g, '')));

/** Peak resident memory (VmHWM, kB) over Chromium's renderer processes: the tab and its workers. */
function rendererPeakKb(): number {
  let peak = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]));
    } catch {
      // the process ended while we looked
    }
  }
  return peak;
}

async function main() {
  if (!args.includes('--no-build')) execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const dataDir = path.join(ROOT, 'bench/data');
  mkdirSync(dataDir, { recursive: true });
  const preview = await startPreview();
  const results: Record<string, unknown>[] = [];
  try {
    for (const lines of sizes) {
      const file = path.join(dataDir, `floor-${lines}.csv`);
      if (!existsSync(file)) await writeFloorCsv(file, lines);
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        const navStart = Date.now();
        await page.goto(`${PREVIEW_ORIGIN}/src/bench/index.html`);
        const start = await page.evaluate(() => (window as unknown as { overblikBench: { ready: Promise<{ engineStartMs: number; bundle: string }> } }).overblikBench.ready);
        const coldStartMs = Date.now() - navStart;
        await page.setInputFiles('#bench-file', file);
        const floor = await page.evaluate(() => (window as unknown as { overblikBench: { floor(): Promise<Record<string, unknown>> } }).overblikBench.floor());
        results.push({
          lines,
          fileMB: Math.round((statSync(file).size / 1_048_576) * 10) / 10,
          bundle: start.bundle,
          coldStartMs,
          engineStartMs: Math.round(start.engineStartMs),
          floor: { ...floor, ingestMs: Math.round(Number(floor.ingestMs)), groupByMs: Math.round(Number(floor.groupByMs)) },
          rendererPeakMB: Math.round(rendererPeakKb() / 1024),
        });
        process.stderr.write(`bench: ${lines} lines done\n`);
      } finally {
        await browser.close();
      }
    }
  } finally {
    await preview.stop();
  }
  const report = { date: new Date().toISOString(), machine: { cpus: (await import('node:os')).cpus().length }, results };
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
