import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openNativeDb } from '../src/cli/db/native-connector.js';
import { runFloor } from '../src/core/bench/floor.js';
import { ensureBundle } from '../src/cli/launch.mjs';

export interface CliMeasure {
  /** Plain native read_csv + one GROUP BY of the same file, in this process (2 threads, as the CLI). */
  floorMs: number;
  /**
   * `npm run cli -- analyze FILE --json OUT` as a separate process: import, classification, analysis.
   * Its bundle is built before the clock starts, as after any earlier run since the sources last changed.
   */
  analyzeMs: number;
  peakRssMB: number;
  rowsLoaded: number;
}

/** The command line on native DuckDB against its own floor, measured in the same run. */
export async function measureCli(root: string, file: string): Promise<CliMeasure> {
  const db = await openNativeDb();
  let floorMs: number;
  try {
    const f = await runFloor(db, file, () => performance.now());
    floorMs = Math.round(f.ingestMs + f.groupByMs);
  } finally {
    await db.close();
  }
  await ensureBundle();
  const dir = mkdtempSync(path.join(tmpdir(), 'overblik-bench-cli-'));
  try {
    const json = path.join(dir, 'out.json');
    const timing = path.join(dir, 'time.txt');
    const t0 = performance.now();
    // GNU time's %M: the process's peak resident set, in KB.
    execFileSync('/usr/bin/time', ['-f', '%M', '-o', timing, process.execPath, 'src/cli/launch.mjs', 'analyze', file, '--json', json], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const analyzeMs = Math.round(performance.now() - t0);
    const peakRssMB = Math.round(Number(readFileSync(timing, 'utf8').trim().split('\n').pop()) / 1024);
    const result = JSON.parse(readFileSync(json, 'utf8')) as { files?: { rowsLoaded: number }[] };
    const rowsLoaded = (result.files ?? []).reduce((n, f) => n + f.rowsLoaded, 0);
    return { floorMs, analyzeMs, peakRssMB, rowsLoaded };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
