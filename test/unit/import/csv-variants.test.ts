import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { executeImport } from '../../../src/core/import/import-file.js';
import { planImport } from '../../../src/core/import/plan.js';
import { bytesSource, type Parsers } from '../../../src/core/import/sources.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';

type Row = { date: string; supplier: string; text: string; amount: string };

/** Writes the same three purchases in one export dialect. */
function exportText(o: {
  delimiter: string;
  newline: string;
  header: string[];
  rows: Row[];
  preamble?: string[];
  trailer?: string[];
}): string {
  const q = (v: string) => (v.includes(o.delimiter) || v.includes('"') || /[\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  const lines = [
    ...(o.preamble ?? []),
    o.header.join(o.delimiter),
    ...o.rows.map((r) => [r.date, r.supplier, r.text, r.amount].map(q).join(o.delimiter)),
    ...(o.trailer ?? []),
  ];
  return lines.join(o.newline) + o.newline;
}

const DA_HEADER = ['Bogføringsdato', 'Leverandør', 'Tekst', 'Beløb'];
const EN_HEADER = ['Posting Date', 'Supplier Name', 'Description', 'Net Amount'];

// Expected: three lines, 1.234,50 + 99,95 + (-10,00) = 1.324,45; suppliers with æøå intact.
const EXPECTED_MINOR = 132445;
const SUPPLIERS = ['Ærø Kontor A/S', 'Søren Å. Jensen ApS', 'Kaffe; Te & Co I/S'];

function rows(dates: [string, string, string], amounts: [string, string, string]): Row[] {
  return [
    { date: dates[0], supplier: SUPPLIERS[0]!, text: 'Kuglepenne "blå"', amount: amounts[0] },
    { date: dates[1], supplier: SUPPLIERS[1]!, text: 'Toner\nsort', amount: amounts[1] },
    { date: dates[2], supplier: SUPPLIERS[2]!, text: 'Kreditnota', amount: amounts[2] },
  ];
}

const DK_DATES: [string, string, string] = ['05-01-2025', '17-02-2025', '28-03-2025'];
const DK_AMOUNTS: [string, string, string] = ['1.234,50', '99,95', '-10,00'];

const VARIANTS: { name: string; text: string; encoding?: 'windows-1252'; bom?: boolean }[] = [
  { name: 'semicolon, CRLF, UTF-8 BOM', text: exportText({ delimiter: ';', newline: '\r\n', header: DA_HEADER, rows: rows(DK_DATES, DK_AMOUNTS) }), bom: true },
  { name: 'semicolon, Windows-1252', text: exportText({ delimiter: ';', newline: '\r\n', header: DA_HEADER, rows: rows(DK_DATES, DK_AMOUNTS) }), encoding: 'windows-1252' },
  { name: 'tab, LF, dd.mm.yyyy', text: exportText({ delimiter: '\t', newline: '\n', header: DA_HEADER, rows: rows(['05.01.2025', '17.02.2025', '28.03.2025'], DK_AMOUNTS) }) },
  { name: 'pipe, bare CR', text: exportText({ delimiter: '|', newline: '\r', header: DA_HEADER, rows: rows(DK_DATES, ['1234,50', '99,95', '10,00-']) }) },
  { name: 'comma, decimal point, thousands comma, yyyy-mm-dd', text: exportText({ delimiter: ',', newline: '\n', header: EN_HEADER, rows: rows(['2025-01-05', '2025-02-17', '2025-03-28'], ['"1,234.50"', '99.95', '(10.00)'].map((a) => a.replaceAll('"', '')) as [string, string, string]) }) },
  { name: 'comma, m/d/yyyy h:mm', text: exportText({ delimiter: ',', newline: '\r\n', header: EN_HEADER, rows: rows(['1/5/2025 0:00', '2/17/2025 13:45', '3/28/2025 0:00'], ['1234.5', '99.95', '-10']) }) },
  { name: 'semicolon, d/m/yyyy', text: exportText({ delimiter: ';', newline: '\n', header: DA_HEADER, rows: rows(['5/1/2025', '17/2/2025', '28/3/2025'], DK_AMOUNTS) }) },
  { name: 'semicolon, dd-Mon-yy', text: exportText({ delimiter: ';', newline: '\n', header: DA_HEADER, rows: rows(['05-Jan-25', '17-Feb-25', '28-Mar-25'], DK_AMOUNTS) }) },
  {
    name: 'title lines above the header, totals row and blank line at the end, right-padded text',
    text: exportText({
      delimiter: ';',
      newline: '\r\n',
      preamble: ['Kreditorposter Demo Kommune;;;', 'Udtrukket 01-04-2025;;;'],
      header: DA_HEADER,
      rows: rows(DK_DATES, DK_AMOUNTS).map((r) => ({ ...r, supplier: `${r.supplier}      ` })),
      trailer: [';;I alt;1.324,45', ';;;'],
    }),
  },
];

describe('CSV export dialects: sniffed, mapped and loaded with nothing lost', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
  });
  afterAll(() => db?.close());

  it.each(VARIANTS)('$name', async ({ text, encoding, bom }) => {
    await clearWorkspace(db);
    let bytes: Uint8Array;
    if (encoding === 'windows-1252') bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    else bytes = new TextEncoder().encode((bom ? '\uFEFF' : '') + text);
    const source = bytesSource('export.csv', bytes);
    const plan = await planImport(source, {} as Parsers);
    if (encoding) expect(plan.encoding).toBe('windows-1252');
    expect(plan.mapping.amount).toBeDefined();
    expect(plan.mapping.supplierName).toBeDefined();
    const { summary } = await executeImport(db, source, plan);
    expect(summary.rowsLoaded).toBe(3);
    expect(summary.rowsLoaded + summary.rowsRejected).toBe(summary.rowsRead);
    const lines = await queryRows(db, `SELECT supplier_name, description, (amount * 100)::BIGINT AS minor, coalesce(document_date, posting_date) AS d FROM spend_line ORDER BY "row"`);
    expect(lines.map((l) => l.supplier_name)).toEqual(SUPPLIERS);
    expect(lines.reduce((s, l) => s + Number(l.minor), 0)).toBe(EXPECTED_MINOR);
    expect(lines.map((l) => l.d)).toEqual(['2025-01-05', '2025-02-17', '2025-03-28']);
    expect(lines[0]!.description).toBe('Kuglepenne "blå"');
    const rejects = await queryRows(db, 'SELECT reason FROM import_reject');
    for (const r of rejects) expect(['total_row', 'empty_row']).toContain(r.reason);
  });

  it('detects the same file dropped twice', async () => {
    await clearWorkspace(db);
    const bytes = new TextEncoder().encode(VARIANTS[0]!.text);
    const first = await executeImport(db, bytesSource('januar.csv', bytes), await planImport(bytesSource('januar.csv', bytes), {} as Parsers));
    expect(first.duplicateOf).toBeUndefined();
    const again = bytesSource('januar (1).csv', bytes);
    const second = await executeImport(db, again, await planImport(again, {} as Parsers));
    expect(second.duplicateOf).toBe('januar.csv');
    const [n] = await queryRows(db, 'SELECT count(*) AS n FROM spend_line');
    expect(n?.n).toBe(3);
  });
});

describe('currencies', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
  });
  afterAll(() => db?.close());

  it('converts other currencies to DKK with the rate table, keeps the original, rejects unknown ones', async () => {
    await clearWorkspace(db);
    const text = 'Leverandør;Beløb;Valuta\r\nA;100,00;DKK\r\nB;10,00;EUR\r\nC;5,00;XYZ\r\nD;1,00;\r\n';
    const source = bytesSource('valuta.csv', new TextEncoder().encode(text));
    const plan = await planImport(source, {} as Parsers);
    const { summary } = await executeImport(db, source, plan);
    expect(summary.rowsLoaded).toBe(3);
    expect(summary.rowsRejected).toBe(1);
    const rows = await queryRows(db, `SELECT supplier_name, amount, currency, amount_original FROM spend_line ORDER BY "row"`);
    expect(rows).toEqual([
      { supplier_name: 'A', amount: 100, currency: 'DKK', amount_original: null },
      { supplier_name: 'B', amount: 74.6, currency: 'EUR', amount_original: 10 },
      { supplier_name: 'D', amount: 1, currency: 'DKK', amount_original: null },
    ]);
    const [reject] = await queryRows(db, 'SELECT "row", reason FROM import_reject');
    expect(reject).toEqual({ row: 3, reason: 'currency_unknown' });
  });

  it('a file without a currency column can be declared in another currency', async () => {
    await clearWorkspace(db);
    const source = bytesSource('sek.csv', new TextEncoder().encode('Leverantör;Belopp\r\nX;100,00\r\n'));
    const plan = await planImport(source, {} as Parsers);
    await executeImport(db, source, { ...plan, currency: 'SEK' });
    const rows = await queryRows(db, `SELECT amount, currency, amount_original FROM spend_line`);
    expect(rows).toEqual([{ amount: 68, currency: 'SEK', amount_original: 100 }]);
  });
});
