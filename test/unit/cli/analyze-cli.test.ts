import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSizeProblem } from '../../../src/core/import/import-file.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const REAL = path.resolve(ROOT, '../shared/data/real');

function cli(args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

describe('npm run cli -- analyze (native DuckDB)', () => {
  it('writes the files and totals parts of the test contract', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'overblik-cli-'));
    const out = path.join(dir, 'out.json');
    const run = cli(['analyze', path.join(REAL, 'us_scottsdale_vendor_payments.csv'), path.join(REAL, 'se_orebro_supplier_invoices_2016-03.xlsx'), '--json', out]);
    expect(run.status).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.files).toEqual([
      expect.objectContaining({ name: 'us_scottsdale_vendor_payments.csv', format: 'csv', rowsRead: 23612, rowsLoaded: 23612, rowsRejected: 0 }),
      expect.objectContaining({ name: 'se_orebro_supplier_invoices_2016-03.xlsx', format: 'xlsx', rowsRead: 68021 }),
    ]);
    const loaded = json.files.reduce((s: number, f: { amountLoaded: number }) => s + f.amountLoaded, 0);
    expect(json.totals.spend).toBeCloseTo(loaded, 2);
    expect(json.totals.lines).toBe(json.files.reduce((s: number, f: { rowsLoaded: number }) => s + f.rowsLoaded, 0));
    expect(json.totals.suppliers).toBeGreaterThan(100);
  });

  it('an unreadable file: non-zero exit and a one-line reason', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'overblik-cli-'));
    const bad = path.join(dir, 'faktura.pdf');
    writeFileSync(bad, '%PDF-1.4 not an export');
    const run = cli(['analyze', bad, '--json', path.join(dir, 'x.json')]);
    expect(run.status).not.toBe(0);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('faktura.pdf er en PDF');
  });

  it('a missing file also fails with one line', () => {
    const run = cli(['analyze', '/no/such/file.csv']);
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('browser size limits', () => {
  it('tells the user before a file too large for the browser is attempted, pointing to the CLI', () => {
    expect(browserSizeProblem('lille.csv', 10_000_000, 'csv')).toBeNull();
    const problem = browserSizeProblem('stor.xlsx', 400_000_000, 'xlsx');
    expect(problem?.da).toContain('npm run cli -- analyze stor.xlsx');
    expect(problem?.en).toContain('command line tool');
  });
});
