import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { importBatch, BatchFailedError } from '../../../src/core/import/import-batch.js';
import { ImportProblem } from '../../../src/core/import/import-problem.js';
import { planImport } from '../../../src/core/import/plan.js';
import { rejectsCsv } from '../../../src/core/import/report.js';
import { bytesSource, type Parsers } from '../../../src/core/import/sources.js';
import { doctypeLine } from '../../../src/core/import/xml-safety.js';
import { checkZipBounds, readZipDirectory } from '../../../src/core/import/zip.js';
import { linesCsv } from '../../../src/core/workspace/lines-csv.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { startOver } from '../../../src/core/workspace/start-over.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { categoryTreemap } from '../../../src/ui/screens/overview/category-treemap.js';
import { treemapOption } from '../../../src/ui/screens/categories/charts.js';

const enc = (s: string) => new TextEncoder().encode(s);
const CSV = enc('Leverandør;Fakturadato;Beløb;Tekst\nLyreco;05-01-2025;1.234,50;papir\n=HYPERLINK("x");06-01-2025;-99,95;toner\nKort;05-01-2025\n');

async function plan(name: string, bytes: Uint8Array) {
  const source = bytesSource(name, bytes);
  return { source, plan: await planImport(source, {} as Parsers) };
}

async function counts(db: DbConnector) {
  const tables = ['spend_line', 'import_reject', 'import_file', 'classification', 'supplier'];
  const out: Record<string, unknown> = {};
  for (const t of tables) out[t] = (await queryRows(db, `SELECT count(*) AS n FROM ${t}`))[0]?.n;
  return out;
}

describe('a failed import changes nothing', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
  });
  afterAll(() => db?.close());

  it('rolls back the load, the analysis and even a start-over when the analysis fails', async () => {
    await clearWorkspace(db);
    await importBatch(db, [await plan('first.csv', CSV)], { after: () => refreshAnalysis(db) });
    const before = await counts(db);
    expect(before.spend_line).toBe(2);
    const failing = importBatch(db, [await plan('second.csv', enc('Leverandør;Beløb\nA;1,00\nB;2,00\n'))], {
      before: () => startOver(db),
      after: async () => {
        throw new Error('the analysis broke');
      },
    });
    await expect(failing).rejects.toBeInstanceOf(BatchFailedError);
    expect(await counts(db)).toEqual(before);
    // No staging table or registered file is left behind.
    const temp = await queryRows(db, `SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'stage_%'`);
    expect(temp).toEqual([]);
  });

  it('a refused file in a batch is reported and the others load', async () => {
    await clearWorkspace(db);
    const result = await importBatch(db, [await plan('ok.csv', CSV)], {});
    expect(result.loaded).toHaveLength(1);
    await expect(plan('tom.csv', new Uint8Array(0))).rejects.toBeInstanceOf(ImportProblem);
  });
});

describe('CSV downloads neutralise formula prefixes and leave numbers alone', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
    await clearWorkspace(db);
    await importBatch(db, [await plan('=evil.csv', enc('Leverandør;Fakturadato;Beløb;Tekst\n=cmd|calc;05-01-2025;-99,95;x\n@SUM(A1);05-01-2025\n+45;05-01-2025;10,00;-x\n'))], {
      after: () => refreshAnalysis(db),
    });
  });
  afterAll(() => db?.close());

  it('rejected rows', async () => {
    const csv = await rejectsCsv(db, (r) => r.reason, { file: 'Fil', row: 'Række', reason: 'Årsag', raw: 'Tekst' });
    const [, line] = csv.split('\r\n');
    expect(line).toBe(`'=evil.csv;2;too_few_fields;"'@SUM(A1);05-01-2025"`);
  });

  it('--lines', async () => {
    let text = '';
    for await (const chunk of linesCsv(db)) text += chunk;
    const rows = text.trim().split('\n').slice(1);
    expect(rows, text).toHaveLength(2);
    // The file name is text and made inert; the credit note's amount stays a plain number.
    const cells = rows.map((r) => r.split(','));
    expect(cells.map((c) => [c[0], c[1], c[3]])).toEqual([[`'=evil.csv`, '1', '-99.95'], [`'=evil.csv`, '3', '10']]);
  });
});

describe('ZIP and XML bounds', () => {
  it('refuses a directory whose declared sizes a real export never has, before inflating', () => {
    const zip = zipSync({ 'a.xml': strToU8('<a/>'), 'b.xml': strToU8('<b/>') });
    const entries = readZipDirectory(zip)!;
    expect(() => checkZipBounds('x.zip', entries)).not.toThrow();
    const limits = { entries: 1, entryBytes: 1 << 20, totalBytes: 1 << 20, ratio: 200 };
    expect(() => checkZipBounds('x.zip', entries, limits)).toThrow(expect.objectContaining({ code: 'zip_entries' }));
    const big = new Map([...entries].map(([k, e]) => [k, { ...e, size: 700_000, compressedSize: 600_000 }]));
    expect(() => checkZipBounds('x.zip', big, { ...limits, entries: 10 })).toThrow(expect.objectContaining({ code: 'zip_size' }));
    const zip64 = new Map([...entries].map(([k, e]) => [k, { ...e, size: 0xffffffff, compressedSize: 0xffffffff }]));
    expect(() => checkZipBounds('x.zip', zip64)).toThrow(expect.objectContaining({ code: 'zip_size' }));
    // An entry read in pieces (an Excel sheet) is held to the expansion ratio only, never to the size bounds.
    const streamed = (name: string) => name === 'a.xml';
    const sheet = new Map([...entries].map(([k, e]) => [k, k === 'a.xml' ? { ...e, size: 760_000_000, compressedSize: 114_000_000 } : e]));
    expect(() => checkZipBounds('x.xlsx', sheet)).toThrow(expect.objectContaining({ code: 'zip_size' }));
    expect(() => checkZipBounds('x.xlsx', sheet, undefined, streamed)).not.toThrow();
    const bomb = new Map([...sheet].map(([k, e]) => [k, k === 'a.xml' ? { ...e, compressedSize: 1_000_000 } : e]));
    expect(() => checkZipBounds('x.xlsx', bomb, undefined, streamed)).toThrow(expect.objectContaining({ code: 'zip_ratio' }));
    expect(() => checkZipBounds('x.xlsx', zip64, undefined, () => true)).toThrow(expect.objectContaining({ code: 'zip_size' }));
  });

  it('finds a DOCTYPE or ENTITY in the prolog, not in text', () => {
    expect(doctypeLine('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "b">]>\n<x/>')).toBe(2);
    expect(doctypeLine('<?xml version="1.0"?><x>&lt;!DOCTYPE is only text here</x>')).toBeNull();
  });
});

describe('text from files in chart tooltips is shown as text', () => {
  const hostile = '<img src=x onerror="alert(1)">';
  it('the overview treemap', () => {
    const option = categoryTreemap([], [], 'da', 'x') as { tooltip: { formatter: (p: { name: string; value: number }) => string } };
    const html = option.tooltip.formatter({ name: hostile, value: 1 });
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img');
  });
  it('the category treemap', () => {
    const option = treemapOption([], 'en', 'x') as { tooltip: { formatter: (p: { name: string; value: number; treePathInfo?: { name: string }[] }) => string } };
    const html = option.tooltip.formatter({ name: 'x', value: 1, treePathInfo: [{ name: 'root' }, { name: hostile }] });
    expect(html).not.toContain('<img');
  });
});
