import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { packParsedTable } from '../../../../src/core/import/parsed-to-arrow.js';
import type { ParsedTable } from '../../../../src/core/import/parsed-table.js';
import { readSheet, readSheetPacked } from '../../../../src/core/import/xlsx/index.js';
import { fixtureBytes } from '../../../support/fixtures.js';
import { buildXlsx } from './build-xlsx.js';

/** A packed table as plain values: its fields, and every Arrow column as an array. */
function plain(table: ParsedTable) {
  const { arrow, ...rest } = table;
  const decoded = tableFromIPC(arrow!);
  return { ...rest, arrow: Object.fromEntries(decoded.schema.fields.map((f) => [f.name, decoded.getChild(f.name)!.toArray() as unknown[]])), rows: decoded.numRows };
}

const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

describe('an Excel sheet packed in batches while it is read', () => {
  it('Örebro (68,021 rows): the same table as read whole and then packed, in batches of any size', async () => {
    const bytes = fixtureBytes('real/se_orebro_supplier_invoices_2016-03.xlsx');
    const expected = plain(packParsedTable(readSheet(bytes)));
    expect(expected.rows).toBe(68_021);
    for (const batch of [1_000, 65_536]) expect(plain(await readSheetPacked(bytes, undefined, { batchRows: batch })), String(batch)).toEqual(expected);
  });

  it('a title above the header, inner and trailing empty rows, a column that starts late, a column left out', async () => {
    const rows: string[] = [`<row r="1">${cell('A1', 'Rapport 2024')}</row>`, `<row r="3">${cell('A3', 'Leverandør')}${cell('B3', 'Beløb')}${cell('B3', 'Beløb')}</row>`];
    for (let r = 4; r < 3000; r++) {
      if (r % 97 === 0) continue; // an inner empty row
      const late = r > 2500 ? cell(`D${r}`, `sent ${r}`) : '';
      rows.push(`<row r="${r}">${cell(`A${r}`, `Firma ${r % 13}`)}<c r="B${r}"><v>${r}.5</v></c>${late}</row>`);
    }
    rows.push('<row r="3005"></row>');
    const bytes = buildXlsx({ sheets: [{ name: 'Ark1', rows: rows.join(''), after: '<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>' }] });
    const whole = packParsedTable(readSheet(bytes));
    expect(whole.headers).toEqual(['Leverandør', 'Beløb', 'Kolonne 3', 'Kolonne 4']);
    expect(whole.notes).toEqual([{ code: 'merged_cells', params: { n: 1 } }]);
    expect(whole.warnings[0]).toMatch(/Springer 2 linjer over/);
    for (const batchRows of [50, 333, 10_000]) {
      const packed = await readSheetPacked(bytes, undefined, { batchRows, pieceChars: 2_000 });
      expect(plain(packed), String(batchRows)).toEqual(plain(whole));
    }
  });

  it('rows out of order (never written by Excel) are read whole instead, nothing lost', async () => {
    const rows: string[] = [`<row r="1">${cell('A1', 'Navn')}${cell('B1', 'Beløb')}</row>`];
    for (let r = 2; r < 400; r++) rows.push(`<row r="${r}">${cell(`A${r}`, `N${r}`)}<c r="B${r}"><v>${r}</v></c></row>`);
    rows.push(`<row r="5">${cell('C5', 'sent')}</row>`);
    const bytes = buildXlsx({ sheets: [{ name: 'Ark1', rows: rows.join('') }] });
    expect(plain(await readSheetPacked(bytes, undefined, { batchRows: 50, pieceChars: 2_000 }))).toEqual(plain(packParsedTable(readSheet(bytes))));
  });
});
