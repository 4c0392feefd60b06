import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { directParsers } from '../../../src/core/import/direct-parsers.js';
import { packParsedTable, PREVIEW_ROWS } from '../../../src/core/import/parsed-to-arrow.js';
import type { Parsers } from '../../../src/core/import/sources.js';
import { executeImport } from '../../../src/core/import/import-file.js';
import { planImport } from '../../../src/core/import/plan.js';
import { bytesSource } from '../../../src/core/import/sources.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { openNativeDb } from '../../../src/cli/db/native-connector.js';
import { fixtureBytes, fixtureNames, fixtureText } from '../../support/fixtures.js';


const DOC_LINE = /<(?:\w+:)?(InvoiceLine|CreditNoteLine)>[\s\S]*?<\/(?:\w+:)?\1>/g;

function ore(text: string): bigint {
  const m = /^\s*(-?)(\d+)(?:\.(\d+))?\s*$/.exec(text)!;
  const v = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0').slice(0, 2));
  return m[1] ? -v : v;
}

/**
 * What one document should add to spend, read from the XML with regular expressions: its line
 * amounts plus header charges minus header allowances; negative for a credit note.
 */
function xmlExpectation(xml: string): { rows: number; ore: bigint } {
  const sign = /<(\w+:)?CreditNote[\s>]/.test(xml) ? -1n : 1n;
  let total = 0n;
  let rows = 0;
  for (const line of xml.matchAll(DOC_LINE)) {
    total += ore(/<(?:\w+:)?LineExtensionAmount[^>]*>([^<]*)</.exec(line[0])![1]!);
    rows++;
  }
  const header = xml.replace(DOC_LINE, '');
  for (const ac of header.matchAll(/<(?:\w+:)?AllowanceCharge>([\s\S]*?)<\/(?:\w+:)?AllowanceCharge>/g)) {
    const charge = /<(?:\w+:)?ChargeIndicator>\s*true/.test(ac[1]!);
    const amount = ore(/<(?:\w+:)?Amount[^>]*>([^<]*)</.exec(ac[1]!)![1]!);
    total += charge ? amount : -amount;
    rows++;
  }
  return { rows, ore: total * sign };
}

describe.each([
  ['DuckDB-WASM', openNodeWasmDb],
  ['native DuckDB', openNativeDb],
])('Excel, Parquet and OIOUBL through the import (%s)', (_name, open) => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await open();
  });
  afterAll(() => db?.close());

  it('Örebro .xlsx: 68,021 rows loaded or rejected, amount = the sheet total', async () => {
    await clearWorkspace(db);
    const bytes = fixtureBytes('real/se_orebro_supplier_invoices_2016-03.xlsx');
    const source = bytesSource('orebro.xlsx', bytes);
    const plan = await planImport(source, directParsers);
    expect(plan.format).toBe('xlsx');
    expect(plan.mapping).toMatchObject({ supplierName: 'LEVERANTÖR', amount: 'UTFALL', documentId: 'FAKT NR' });
    const { summary } = await executeImport(db, source, plan);
    expect(summary.rowsRead).toBe(68_021);
    expect(summary.rowsLoaded + summary.rowsRejected).toBe(68_021);
    // The parser's column, summed exactly (the parser itself is checked against the raw XML).
    const column = plan.parsed!.columns[plan.parsed!.headers.indexOf('UTFALL')]!;
    const expected = column.reduce((s, v) => s + (v === null ? 0n : BigInt(Math.round(Number(v) * 100))), 0n);
    const [loaded] = await queryRows(db, `SELECT (sum(amount) * 100)::BIGINT::VARCHAR AS ore FROM spend_line`);
    const [rejected] = await queryRows(db, `SELECT count(*) AS n FROM import_reject WHERE reason NOT IN ('amount_missing', 'amount_invalid', 'empty_row')`);
    expect(rejected?.n).toBe(0);
    expect(BigInt(String(loaded?.ore))).toBe(expected);
  });

  it('the five real OIOUBL documents as one ZIP: rows and totals as written in the XML', async () => {
    await clearWorkspace(db);
    const names = fixtureNames('oioubl');
    let rows = 0;
    let expected = 0n;
    for (const name of names) {
      const e = xmlExpectation(fixtureText(name));
      rows += e.rows;
      expected += e.ore;
    }
    const { zipSync } = await import('fflate');
    const zip = zipSync(Object.fromEntries(names.map((n) => [n.slice('oioubl/'.length), fixtureBytes(n)])));
    const source = bytesSource('fakturaer.zip', zip);
    const plan = await planImport(source, directParsers);
    expect(plan.format).toBe('ubl-zip');
    const { summary } = await executeImport(db, source, plan);
    expect(summary.rowsRead).toBe(rows);
    expect(summary.rowsLoaded).toBe(rows);
    const [loaded] = await queryRows(db, `SELECT (sum(amount) * 100)::BIGINT::VARCHAR AS ore, count(DISTINCT file) AS files, min("row") AS first FROM spend_line`);
    expect(loaded).toEqual({ ore: expected.toString(), files: names.length, first: 1 });
  });

  it('packed as the parse worker sends them (Arrow bytes and a preview), Excel and OIOUBL load the same lines and rejects', async () => {
    // What parse.worker.ts does with each parser's table before it goes to the page.
    const packed: Parsers = {
      ...directParsers,
      xlsx: async (b, sheet) => packParsedTable(await directParsers.xlsx(b, sheet)),
      ubl: async (name, b, zip) => packParsedTable(await directParsers.ubl(name, b, zip)),
    };
    const { zipSync } = await import('fflate');
    const names = fixtureNames('oioubl');
    const files = [
      bytesSource('orebro.xlsx', fixtureBytes('real/se_orebro_supplier_invoices_2016-03.xlsx')),
      bytesSource('fakturaer.zip', zipSync(Object.fromEntries(names.map((n) => [n.slice('oioubl/'.length), fixtureBytes(n)])))),
    ];
    const loaded = () =>
      queryRows(db, `SELECT (SELECT count(*) || ':' || sum(hash(l)) FROM (SELECT * EXCLUDE (line_id, file_id) FROM spend_line) l) AS lines,
                            (SELECT count(*) || ':' || coalesce(sum(hash(r)), 0) FROM (SELECT * EXCLUDE (file_id) FROM import_reject) r) AS rejects`);
    for (const source of files) {
      await clearWorkspace(db);
      const plain = await planImport(source, directParsers);
      await executeImport(db, source, plain);
      const expected = await loaded();
      await clearWorkspace(db);
      const plan = await planImport(source, packed);
      expect(plan.parsed!.arrow!.byteLength).toBeGreaterThan(1000);
      expect(plan.parsed!.columns.every((c) => c.length <= PREVIEW_ROWS)).toBe(true);
      expect({ ...plan, parsed: undefined }).toEqual({ ...plain, parsed: undefined });
      await executeImport(db, source, plan);
      expect(await loaded()).toEqual(expected);
      // The plan keeps its bytes: the same plan can be imported again.
      expect(plan.parsed!.arrow!.byteLength).toBeGreaterThan(1000);
    }
  });

  it('Parquet written by DuckDB: every row, amounts exact', async () => {
    await clearWorkspace(db);
    const dir = mkdtempSync(path.join(tmpdir(), 'overblik-pq-'));
    const file = path.join(dir, 'udtraek.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run(
      `COPY (SELECT 'Leverandør ' || (i % 37) AS "Leverandør", '1374813' || (i % 10) AS "CVR-nr",
                    ((i * 7919) % 1000000 - 50000)::DECIMAL(18,2) / 100 AS "Beløb", DATE '2025-01-01' + (i % 365)::INTEGER AS "Fakturadato",
                    'Vare ' || i AS "Tekst"
               FROM range(10000) t(i)) TO '${file}' (FORMAT parquet, COMPRESSION snappy)`,
    );
    const truth = await conn.runAndReadAll(`SELECT (sum("Beløb") * 100)::BIGINT::VARCHAR AS ore, count(*)::INTEGER AS n FROM '${file}'`);
    const [[ore, n]] = truth.getRows() as [[string, number]];
    conn.closeSync();
    instance.closeSync();
    const source = bytesSource('udtraek.parquet', new Uint8Array(readFileSync(file)));
    const plan = await planImport(source, directParsers);
    expect(plan.format).toBe('parquet');
    const { summary } = await executeImport(db, source, plan);
    expect(summary.rowsRead).toBe(n);
    expect(summary.rowsLoaded).toBe(n);
    const [loaded] = await queryRows(db, `SELECT (sum(amount) * 100)::BIGINT::VARCHAR AS ore, count(DISTINCT document_date) AS days FROM spend_line`);
    expect(loaded).toEqual({ ore, days: 365 });
  });
});
