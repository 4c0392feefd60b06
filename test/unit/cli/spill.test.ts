import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../../src/cli/analyze.js';
import { defaultMemoryLimit, openNativeDb } from '../../../src/cli/db/native-connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { fixtureFile } from '../../support/fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
// What `npm run cli` runs.
const ARGS = [path.join(ROOT, 'src/cli/launch.mjs')];
const GiB = 1024 ** 3;

function cli(args: string[]) {
  return spawnSync(process.execPath, [...ARGS, ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** The command line as its own process, with the largest size `watch` reached while it ran. */
function cliWatching(args: string[], watch: string): Promise<{ status: number | null; stderr: string; peakBytes: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...ARGS, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let peakBytes = 0;
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setInterval(() => {
      if (!existsSync(watch)) return;
      let bytes = 0;
      for (const name of readdirSync(watch)) {
        try {
          bytes += statSync(path.join(watch, name)).size;
        } catch {
          // Removed between the listing and the stat.
        }
      }
      peakBytes = Math.max(peakBytes, bytes);
    }, 20);
    child.on('error', reject);
    child.on('close', (status) => {
      clearInterval(timer);
      resolve({ status, stderr, peakBytes });
    });
  });
}

// 150,000 generated lines (24 MB of CSV) take about 350 MB in DuckDB while they are imported and
// classified. 160MB is well below that, and above the least DuckDB needs for any one statement of
// the run (measured with 2 threads: read_csv holds a 32 MB buffer per thread and fails below about
// 75 MB; below about 100 MB the classification's joins fail at 300,000 lines).
const LINES = 150_000;
const LIMIT = '160MB';

describe('beyond its memory limit the command line spills to disk', () => {
  let dir: string;
  let input: string;
  beforeAll(async () => {
    const { generateToDirectory } = await import('../../../src/cli/gen.js');
    dir = mkdtempSync(path.join(tmpdir(), 'overblik-cli-spill-'));
    await generateToDirectory({ lines: LINES, seed: 'spill', out: dir, formats: ['csv'], truth: false });
    input = path.join(dir, 'fakturalinjer.csv');
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`at --memory-limit ${LIMIT} it writes to --temp-dir and gives the same JSON and lines as without a limit`, async () => {
    const free = cli(['analyze', input, '--json', path.join(dir, 'free.json'), '--lines', path.join(dir, 'free.csv')]);
    expect(free.status, free.stderr).toBe(0);
    // A folder that does not exist yet: created, and kept (it is the user's).
    const spill = path.join(dir, 'spill', 'here');
    const low = await cliWatching(['analyze', input, '--json', path.join(dir, 'low.json'), '--lines', path.join(dir, 'low.csv'), '--memory-limit', LIMIT, '--temp-dir', spill], spill);
    expect(low.status, low.stderr).toBe(0);
    // DuckDB's temp files appeared while it ran (about 190 MB measured) and were removed after.
    expect(low.peakBytes).toBeGreaterThan(50 * 1024 * 1024);
    expect(readdirSync(spill)).toEqual([]);

    // Every line the same: category, method, confidence, amount, counted.
    const lines = readFileSync(path.join(dir, 'free.csv'), 'utf8');
    expect(lines.split('\n')).toHaveLength(LINES + 2);
    expect(readFileSync(path.join(dir, 'low.csv'), 'utf8') === lines).toBe(true);

    // Every figure the same, to the øre, supplier names included (a tie between spellings is
    // broken by the spelling itself, not by the order DuckDB aggregated in: suppliers/spelling.ts).
    const [withLimit, without] = ['low.json', 'free.json'].map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as unknown);
    expect(withLimit).toEqual(without);
  });

  it(`the same limit with nowhere to spill runs out of memory: the limit holds`, async () => {
    const db = await openNativeDb(':memory:', { memoryLimit: LIMIT, tempDirectory: '' });
    try {
      const settings = await queryRows(db, `SELECT current_setting('temp_directory') AS dir`);
      expect(settings).toEqual([{ dir: '' }]);
      await expect(analyze(db, { files: [{ path: input }] }, () => undefined)).rejects.toThrow(/Out of Memory Error/);
    } finally {
      await db.close();
    }
  });

  it('a limit too low for DuckDB to work in: one Danish line pointing to --memory-limit and --temp-dir', () => {
    // read_csv needs a 32 MB buffer in memory whatever it may spill.
    const run = cli(['analyze', fixtureFile('real/uk_sheffield_spend_2017q1.csv'), '--json', path.join(dir, 'x.json'), '--memory-limit', '20MB']);
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Fejl: hukommelsen slap op: DuckDB kunne ikke klare sig med 20MB og midlertidige filer i /);
    expect(lines[0]).toContain('--memory-limit');
    expect(lines[0]).toContain('--temp-dir');
    expect(lines[0]).not.toMatch(/Out of Memory|allocate/);
  });
});

describe('--memory-limit and --temp-dir', () => {
  it('the settings reach DuckDB; a given folder is created and kept, our own one removed on close', async () => {
    const base = mkdtempSync(path.join(tmpdir(), 'overblik-cli-settings-'));
    const given = path.join(base, 'a', 'b');
    const db = await openNativeDb(':memory:', { memoryLimit: '256MiB', tempDirectory: given });
    const [set] = await queryRows(db, `SELECT current_setting('memory_limit') AS limit, current_setting('temp_directory') AS dir`);
    await db.close();
    expect(set).toEqual({ limit: '256.0 MiB', dir: given });
    expect(statSync(given).isDirectory()).toBe(true);
    rmSync(base, { recursive: true, force: true });

    // Without options: DuckDB's own memory limit, and a fresh folder under the system's temp folder
    // (not DuckDB's default, .tmp in whatever the current directory is).
    const plain = await openNativeDb();
    const [own] = await queryRows(plain, `SELECT current_setting('temp_directory') AS dir`);
    const ownDir = String(own!.dir);
    expect(path.dirname(ownDir)).toBe(path.resolve(tmpdir()));
    expect(path.basename(ownDir)).toMatch(/^overblik-spill-/);
    expect(existsSync(ownDir)).toBe(true);
    await plain.close();
    expect(existsSync(ownDir)).toBe(false);
  });

  it('the default limit: half the memory, at most 2 GiB and at least 1 GiB', () => {
    expect(defaultMemoryLimit(24 * GiB)).toBe('2GiB');
    expect(defaultMemoryLimit(4 * GiB)).toBe('2GiB');
    expect(defaultMemoryLimit(3 * GiB)).toBe('1536MiB');
    expect(defaultMemoryLimit(1 * GiB)).toBe('1GiB');
  });

  it('a memory limit must be an amount with a unit', () => {
    for (const bad of ['2G', '0MB']) {
      const run = cli(['analyze', 'x.csv', '--memory-limit', bad]);
      expect(run.status, bad).toBe(2);
      expect(run.stderr.split('\n')[0]).toBe('--memory-limit skal være en mængde hukommelse med enhed, fx 2GB eller 500MB');
    }
    expect(cli(['analyze', 'x.csv', '--temp-dir']).stderr.split('\n')[0]).toBe('--temp-dir mangler en værdi');
  });
});
