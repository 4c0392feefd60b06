import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { executeImport } from '../../../src/core/import/import-file.js';
import { planImport } from '../../../src/core/import/plan.js';
import { proposeMapping } from '../../../src/core/import/roles.js';
import { bytesSource, type Parsers } from '../../../src/core/import/sources.js';
import { clearWorkspace } from '../../../src/core/workspace/schema.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';

const HEADER = 'Bilagsnr;Fakturadato;CVR-nr;Leverandør;Omkostningssted;Art;Tekst;Beløb';
const LINES = [
  '1001;05-01-2025;DK13748136;Lyreco Danmark A/S;Rådhuset;2.9;Kuglepenne blå;1.234,50',
  '1002;06-01-2025;13748136;LYRECO DANMARK AS;Skovbakkeskolen;2.9;"Papir; A4";-99,95',
  '1003;31-02-2025;12345678;Fejl ApS;Rådhuset;2.9;Ugyldig dato;10,00',
  '1004;07-01-2025;;Uden CVR;Rådhuset;4.9;Ophold vedr. 010203-1234;5.000,00',
  '1005;08-01-2025;;;Rådhuset;2.9;Ingen leverandør;12,00',
  '1006;09-01-2025;11111111;Noget;Rådhuset;2.9;Tekst;abc',
  ';;;;;;;',
  ';;;;;;I alt;6.146,55',
];

describe('Danish CSV import', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
  });
  afterAll(() => db?.close());

  async function load(bytes: Uint8Array, encoding: 'utf-8' | 'windows-1252') {
    await clearWorkspace(db);
    const source = bytesSource('faktura.csv', bytes);
    const plan = await planImport(source, {} as Parsers);
    expect(plan.encoding).toBe(encoding);
    expect(plan.mapping).toEqual(proposeMapping(HEADER.split(';')));
    return (await executeImport(db, source, plan)).summary;
  }

  it('proposes the mapping from Danish headers', () => {
    expect(proposeMapping(HEADER.split(';'))).toEqual({
      documentId: 'Bilagsnr',
      documentDate: 'Fakturadato',
      supplierCvr: 'CVR-nr',
      supplierName: 'Leverandør',
      unit: 'Omkostningssted',
      account: 'Art',
      description: 'Tekst',
      amount: 'Beløb',
    });
  });

  it('loads or rejects every row with a reason, and amounts reconcile to the øre', async () => {
    const text = `\uFEFF${HEADER}\r\n${LINES.join('\r\n')}\r\n`;
    const summary = await load(new TextEncoder().encode(text), 'utf-8');
    expect(summary.rowsRead).toBe(LINES.length);
    expect(summary.rowsLoaded + summary.rowsRejected).toBe(summary.rowsRead);
    expect(summary.rowsLoaded).toBe(3);
    // 1.234,50 − 99,95 + 5.000,00, computed here in øre, independently of the importer.
    expect(summary.amountLoaded).toBe((123450 - 9995 + 500000) / 100);
    const rejects = await queryRows(db, 'SELECT "row", reason FROM import_reject ORDER BY "row"');
    expect(rejects).toEqual([
      { row: 3, reason: 'date_invalid' },
      { row: 5, reason: 'supplier_missing' },
      { row: 6, reason: 'amount_invalid' },
      { row: 7, reason: 'empty_row' },
      { row: 8, reason: 'total_row' },
    ]);
    const lines = await queryRows(db, 'SELECT "row", supplier_key, description, amount FROM spend_line ORDER BY "row"');
    expect(lines[0]).toMatchObject({ row: 1, supplier_key: 'cvr:13748136', amount: 1234.5 });
    expect(lines[1]).toMatchObject({ row: 2, supplier_key: 'cvr:13748136', description: 'Papir; A4', amount: -99.95 });
    expect(lines[2]!.description).toBe('Ophold vedr. XXXXXX-XXXX');
    expect(summary.cprMasked).toBe(1);
    const [file] = await queryRows(db, 'SELECT rows_read, rows_loaded, rows_rejected, amount_loaded FROM import_file');
    expect(file).toEqual({ rows_read: 8, rows_loaded: 3, rows_rejected: 5, amount_loaded: 6134.55 });
  });

  it('reads Windows-1252 with æøå intact', async () => {
    const text = `${HEADER}\r\n${LINES[0]}\r\n1009;10-01-2025;13748136;Ærø Søfart ÅPS;Plejecenter Egelý;2.2;Fødevarer;10,00\r\n`;
    const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0));
    const summary = await load(bytes, 'windows-1252');
    expect(summary.rowsLoaded).toBe(2);
    const rows = await queryRows(db, 'SELECT supplier_name, unit FROM spend_line ORDER BY "row"');
    expect(rows[1]).toEqual({ supplier_name: 'Ærø Søfart ÅPS', unit: 'Plejecenter Egelý' });
  });
});
