import fc from 'fast-check';
import { tableFromIPC } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { packParsedTable, PREVIEW_ROWS, utf8Vector, writeUtf8 } from '../../../src/core/import/parsed-to-arrow.js';

const encoder = new TextEncoder();

function encodedByHand(value: string): Uint8Array {
  const bytes = new Uint8Array(value.length * 3 + 3);
  return bytes.subarray(0, writeUtf8(value, bytes, 0));
}

describe('parsed tables as Arrow', () => {
  it('writes UTF-8 exactly as TextEncoder does: Danish letters, emoji, lone surrogates', () => {
    for (const s of ['', 'Kontorartikler A/S', 'Æbleø Ålborg – 12,50 €', '😀 Ölgärten', '\ud800x', 'x\udfff', '\udbff\udfff', '\u0000\u007f\u0080\u07ff\u0800\uffff']) {
      expect(encodedByHand(s), JSON.stringify(s)).toEqual(encoder.encode(s));
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        expect(encodedByHand(s)).toEqual(encoder.encode(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('a text column keeps every value and every empty cell', () => {
    const values = ['a', null, 'Æø', '', null, '😀'];
    const vector = utf8Vector(values);
    expect(vector.toArray()).toEqual(values);
    expect(vector.nullCount).toBe(2);
  });

  it('a packed table carries all rows as Arrow and the first rows as text', () => {
    const rows = PREVIEW_ROWS + 50;
    const names = Array.from({ length: rows }, (_, i) => `Leverandør ${i}`);
    const amounts = Array.from({ length: rows }, (_, i) => (i % 7 === 0 ? null : `${i}.25`));
    const packed = packParsedTable({
      headers: ['Navn', 'Beløb'], columns: [names, amounts], rowCount: rows, warnings: ['w'],
      origin: { file: names.map(() => 'a.xml'), row: names.map((_, i) => i + 1) },
    });
    expect(packed.columns.map((c) => c.length)).toEqual([PREVIEW_ROWS, PREVIEW_ROWS]);
    expect(packed).toMatchObject({ headers: ['Navn', 'Beløb'], rowCount: rows, warnings: ['w'] });
    expect(packed.origin).toBeUndefined();
    const table = tableFromIPC(packed.arrow!);
    expect(table.numRows).toBe(rows);
    expect(table.getChild('Navn')!.toArray()).toEqual(names);
    expect(table.getChild('Beløb')!.toArray()).toEqual(amounts);
    expect(table.getChild('__row')!.get(rows - 1)).toBe(String(rows));
  });
});
