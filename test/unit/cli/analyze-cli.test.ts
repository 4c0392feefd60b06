import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserSizeProblem } from '../../../src/core/import/import-file.js';
import { problemText } from '../../../src/ui/import/describe-error.js';
import { fixtureFile } from '../../support/fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const REAL = (name: string) => fixtureFile(`real/${name}`);

function cli(args: string[]) {
  return spawnSync(process.execPath, [path.join(ROOT, 'src/cli/launch.mjs'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });
}

describe('npm run cli -- analyze (native DuckDB)', () => {
  it('writes the files and totals parts of the test contract', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'overblik-cli-'));
    const out = path.join(dir, 'out.json');
    const input = REAL('us_scottsdale_vendor_payments.csv');
    const size = statSync(input).size;
    const run = cli(['analyze', input, REAL('se_orebro_supplier_invoices_2016-03.xlsx'), '--json', out]);
    expect(run.status).toBe(0);
    // DuckDB read the CSV in place (no copy); the user's file is left exactly as it was.
    expect(existsSync(input) && statSync(input).size).toBe(size);
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
    expect(run.stderr.trim().split('\n')).toEqual(['Fejl: /no/such/file.csv: filen eller mappen findes ikke']);
  });

  it('an output folder that does not exist: said in Danish, not as Node’s error', () => {
    const out = path.join(tmpdir(), 'overblik-no-such-folder', 'x.json');
    const run = cli(['analyze', REAL('us_scottsdale_vendor_payments.csv'), '--json', out]);
    expect(run.status).not.toBe(0);
    expect(run.stderr.trim().split('\n').at(-1)).toBe(`Fejl: ${out}: filen eller mappen findes ikke`);
    expect(run.stderr).not.toContain('ENOENT');
  });
});

describe('browser size limits', () => {
  it('tells the user before a file too large for the browser is attempted, pointing to the CLI', () => {
    expect(browserSizeProblem('lille.csv', 10_000_000, 'csv')).toBeNull();
    // Measured in the app: 5M lines (782 MB) load and every screen opens; 7M lines (1,093 MB) are past what it holds.
    expect(browserSizeProblem('5m.csv', 782_000_000, 'csv')).toBeNull();
    expect(browserSizeProblem('7m.csv', 1_093_000_000, 'csv')?.code).toBe('too_large');
    const problem = browserSizeProblem('stor.xlsx', 400_000_000, 'xlsx');
    expect(problem?.params).toEqual({ mb: 381, limit: 143 });
    expect(problemText('da', problem!)).toContain('npm run cli -- analyze stor.xlsx');
    expect(problemText('en', problem!)).toContain('command line tool');
    // …and to the workspace file it writes, which the app opens.
    expect(problemText('da', problem!)).toContain('--workspace');
    expect(problemText('en', problem!)).toContain('Open analysis');
  });

  it('a Windows-1252 file with CR-only line endings: read through a converted copy, the original kept', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'overblik-cli-'));
    const input = path.join(dir, 'mac.csv');
    const text = 'Leverandør;Beløb;Dato\rHansen’s Maskiner;1.234,50;05-03-2025\rÆrø Kontor;-10,25;06-03-2025\r';
    // Windows-1252: æøå and the curly apostrophe (0x92) as single bytes.
    const cp1252: Record<string, number> = { 'ø': 0xf8, 'Æ': 0xc6, '’': 0x92 };
    writeFileSync(input, Uint8Array.from([...text].map((c) => cp1252[c] ?? c.charCodeAt(0))));
    const size = statSync(input).size;
    const out = path.join(dir, 'out.json');
    const run = cli(['analyze', input, '--json', out]);
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.files[0]).toMatchObject({ rowsRead: 2, rowsLoaded: 2, rowsRejected: 0, amountLoaded: 1224.25 });
    expect(statSync(input).size).toBe(size);
  });
});

describe('npm run cli -- analyze on Demo Kommune: the whole test contract', () => {
  it('writes classification, categories, opportunities, --lines and --xlsx', async () => {
    const { generateToDirectory } = await import('../../../src/cli/gen.js');
    const { readSheet, listSheets } = await import('../../../src/core/import/xlsx/index.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'overblik-cli-demo-'));
    await generateToDirectory({ lines: 20_000, seed: 'cli', out: dir, formats: ['csv', 'ecommerce', 'contracts'], spend: 1_000_000_000, truth: true });
    const out = path.join(dir, 'out.json');
    const lines = path.join(dir, 'lines.csv');
    const xlsx = path.join(dir, 'out.xlsx');
    const run = cli(['analyze', path.join(dir, 'fakturalinjer.csv'), '--ecommerce', path.join(dir, 'ehandel.csv'), '--contracts', path.join(dir, 'kontrakter.csv'), '--json', out, '--lines', lines, '--xlsx', xlsx]);
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.files.map((f: { name: string }) => f.name)).toEqual(['fakturalinjer.csv', 'ehandel.csv', 'kontrakter.csv']);
    expect(json.classification.coveredSpendShare).toBeGreaterThan(0.9);
    expect(json.classification.coveredLineShare).toBeGreaterThan(0.9);
    expect(Object.keys(json.classification.byMethod)).toContain('keyword');
    const ids = new Set(json.categories.map((c: { id: string }) => c.id));
    for (const c of json.categories) {
      expect(c).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), level: expect.any(Number), spend: expect.any(Number), suppliers: expect.any(Number), units: expect.any(Number), hhi: expect.any(Number) }));
      if (c.level === 2) expect(ids.has(c.parentId)).toBe(true);
    }
    expect(json.opportunities.length).toBeGreaterThan(5);
    for (const o of json.opportunities) {
      expect(['tender', 'agreement', 'consolidate', 'small-orders', 'price-variance']).toContain(o.kind);
      expect(ids.has(o.categoryId)).toBe(true);
      expect(o.savingsLow).toBeLessThanOrEqual(o.savingsBase);
      expect(o.savingsBase).toBeLessThanOrEqual(o.savingsHigh);
      expect(Array.isArray(o.suppliers) && Array.isArray(o.units)).toBe(true);
    }
    // --lines: every loaded line once, with the contract's columns; category ids match `categories`.
    const csv = readFileSync(lines, 'utf8').trim().split('\n');
    expect(csv[0]!.startsWith('file,row,supplier_key,amount,category_id,method,confidence')).toBe(true);
    const loaded = json.files.reduce((s: number, f: { rowsLoaded: number }) => s + f.rowsLoaded, 0) - json.files[2].rowsLoaded;
    expect(csv.length - 1).toBe(loaded);
    const categoryIds = new Set(csv.slice(1).map((l) => l.split(',')[4]).filter(Boolean));
    for (const id of categoryIds) expect(ids.has(id!) || id!.startsWith('nonaddr')).toBe(true);
    // --xlsx: the same whole-analysis workbook as the app's "Hent analysen som Excel", read back.
    const book = new Uint8Array(readFileSync(xlsx));
    expect(listSheets(book).map((s) => s.name)).toEqual([
      'Overblik', 'Kategorier', 'Leverandører', 'Muligheder', 'Leverandører og enheder', 'Indsatsplan', 'Aftaler', 'Compliance', 'Linjer', 'Noter',
    ]);
    expect(readSheet(book, 'Muligheder').rowCount).toBe(json.opportunities.length);
    // The sheet also has the unclassified spend as a row of its own; the contract's categories do not.
    expect(readSheet(book, 'Kategorier').rowCount).toBe(json.categories.length + (json.classification.coveredLineShare < 1 ? 1 : 0));
    expect(readSheet(book, 'Linjer').rowCount).toBe(json.totals.lines);
  });

  it('--accept-learned 1 accepts no learned proposal', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'overblik-cli-'));
    const out = path.join(dir, 'out.json');
    const run = cli(['analyze', REAL('uk_sheffield_spend_2017q1.csv'), '--json', out, '--accept-learned', '1']);
    expect(run.status, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.classification.byMethod.learned?.lines ?? 0).toBe(0);
    expect(json.totals.lines).toBe(22388);
  });
});
