import { describe, expect, it } from 'vitest';
import { isXlsx, listSheets, readSheet, readSheetAsync, XlsxFormatError } from '../../../../src/core/import/xlsx/index.js';
import { buildXlsx, row } from './build-xlsx.js';

const v = (x: string | number) => `<v>${x}</v>`;
const si = (text: string) => `<si><t>${text}</t></si>`;

/** Text of column `name` as an array. */
function column(table: ReturnType<typeof readSheet>, name: string) {
  const i = table.headers.indexOf(name);
  expect(i, `column ${name} in ${table.headers.join('|')}`).toBeGreaterThanOrEqual(0);
  return table.columns[i] ?? [];
}

describe('xlsx reader: cell types', () => {
  const bytes = buildXlsx({
    sharedStrings: [
      si('Leverandør'),
      si('Beløb'),
      si('Dato'),
      si('Note'),
      si('Lyreco &amp; Co'),
      // Rich text runs are one value; the phonetic hint is not part of it.
      '<si><r><rPr><b/></rPr><t>Fed</t></r><r><t xml:space="preserve"> og tynd</t></r><rPh sb="0" eb="1"><t>ふ</t></rPh></si>',
      si('Linje_x000D_skift'),
      '<si/>',
    ],
    numFmts: { 164: 'dd-mm-yyyy', 165: '0.00 "dage"', 166: '[$-406]d. mmmm yyyy', 167: 'hh:mm' },
    cellXfs: [0, 14, 164, 165, 4, 22, 166, 167],
    sheets: [
      {
        name: 'Fakturaer',
        rows: [
          row(1, [['A', 't="s"', v(0)], ['B', 't="s"', v(1)], ['C', 't="s"', v(2)], ['D', 't="s"', v(3)], ['E', 't="inlineStr"', '<is><t>Flag</t></is>']]),
          row(2, [['A', 't="s"', v(4)], ['B', 's="4"', v('1234.5')], ['C', 's="1"', v(45000)], ['D', 't="s"', v(5)], ['E', 't="b"', v(1)]]),
          row(3, [['A', 't="inlineStr"', '<is><r><t>Inline </t></r><r><t>rig</t></r></is>'], ['B', '', v('0.30000000000000004')], ['C', 's="2"', v(45292)], ['D', 't="s"', v(6)], ['E', 't="b"', v(0)]]),
          row(4, [['A', 't="str"', '<f>UPPER("x")</f><v>X &amp; Y</v>'], ['B', '', '<f>1+2</f><v>3</v>'], ['C', 's="5"', v('45000.75')], ['D', 't="e"', v('#N/A')]]),
          row(5, [['A', 't="s"', v(7)], ['B', 's="3"', v(12)], ['C', 's="6"', v(45000)], ['D', 't="e"', '<f>1/0</f><v>#DIV/0!</v>']]),
          row(6, [['B', '', v('-1.5E-3')], ['C', 's="7"', v('0.5')], ['D', '', '<f>A1</f>']]),
          row(7, [['A', 't="d"', v('2024-03-01T00:00:00')], ['B', '', v('7.0000000000000007E-2')], ['C', 's="1"', v('')]]),
        ].join(''),
      },
    ],
  });
  const table = readSheet(bytes);

  it('reads headers from shared and inline strings', () => {
    expect(table.headers).toEqual(['Leverandør', 'Beløb', 'Dato', 'Note', 'Flag']);
    expect(table.rowCount).toBe(6);
    expect(table.columns.every((c) => c.length === 6)).toBe(true);
  });

  it('decodes strings: entities, rich text runs, inline strings, _xHHHH_ escapes, formula strings', () => {
    expect(column(table, 'Leverandør')).toEqual(['Lyreco & Co', 'Inline rig', 'X & Y', null, null, '2024-03-01']);
    expect(column(table, 'Note')).toEqual(['Fed og tynd', 'Linje\rskift', null, null, null, null]);
    expect(column(table, 'Flag')).toEqual(['true', 'false', null, null, null, null]);
  });

  it('renders numbers canonically and uses cached formula values', () => {
    // s=3 is '0.00 "dage"': the d is inside quotes, so it is a number, not a date.
    expect(column(table, 'Beløb')).toEqual(['1234.5', '0.3', '3', '12', '-0.0015', '0.07']);
  });

  it('renders date styles: built-in 14 and 22, custom dd-mm-yyyy, locale-bracketed, time only', () => {
    expect(column(table, 'Dato')).toEqual(['2023-03-15', '2024-01-01', '2023-03-15 18:00:00', '2023-03-15', '12:00:00', null]);
  });

  it('reads errors as empty and says so; a formula without a cached value too', () => {
    expect(column(table, 'Note')[2]).toBeNull();
    expect(table.warnings).toContain('2 celler med fejlværdier (#N/A, #DIV/0!) er læst som tomme.');
    expect(table.warnings.some((w) => w.startsWith('1 formler har ikke noget gemt resultat'))).toBe(true);
  });
});

describe('xlsx reader: layout', () => {
  it('finds the header below a title row and blank rows, keeps inner empty rows, drops trailing ones', () => {
    const bytes = buildXlsx({
      sharedStrings: [si('Kreditorudtræk 2024'), si('CVR'), si('Beløb'), si('Tekst'), si('x')],
      sheets: [
        {
          name: 'Ark1',
          rows: [
            row(1, [['A', 't="s"', v(0)]]),
            // Row 2 is missing entirely; row 3 is present but empty.
            '<row r="3"/>',
            row(4, [['A', 't="s"', v(1)], ['B', 't="s"', v(2)], ['D', 't="s"', v(3)], ['F', 't="s"', v(2)]]),
            row(5, [['A', '', v(12345678)], ['B', '', v(10)], ['C', '', v(1)], ['D', 't="s"', v(4)]]),
            '<row r="6"></row>',
            // Cells without r continue from the previous column.
            `<row r="8"><c>${v(87654321)}</c><c>${v(20)}</c></row>`,
            '<row r="9"><c r="A9" s="0"/></row>',
            '<row r="10"/>',
          ].join(''),
        },
      ],
    });
    const table = readSheet(bytes);
    expect(table.headers).toEqual(['CVR', 'Beløb', 'Kolonne 3', 'Tekst', 'Kolonne 5', 'Beløb_2']);
    expect(table.warnings).toContain('Springer 3 linjer over overskriften over (overskriften står i række 4).');
    expect(table.rowCount).toBe(4);
    expect(table.columns[0]).toEqual(['12345678', null, null, '87654321']);
    expect(table.columns[1]).toEqual(['10', null, null, '20']);
    expect(table.columns[2]).toEqual(['1', null, null, null]);
    expect(table.columns[5]).toEqual([null, null, null, null]);
  });

  it('reads a 1904 workbook and prefixed (x:) elements', () => {
    const bytes = buildXlsx({
      date1904: true,
      prefix: 'x',
      sharedStrings: [si('Dato'), si('Beløb')],
      cellXfs: [0, 14],
      sheets: [
        {
          name: 'Mac',
          rows:
            `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Beløb</x:t></x:is></x:c></x:row>` +
            `<x:row r="2"><x:c r="A2" s="1"><x:v>0</x:v></x:c><x:c r="B2"><x:v>1.25</x:v></x:c></x:row>` +
            `<x:row r="3"><x:c r="A3" s="1"><x:v>43538</x:v></x:c></x:row>`,
        },
      ],
    });
    const table = readSheet(bytes);
    expect(table.headers).toEqual(['Dato', 'Beløb']);
    expect(table.columns).toEqual([
      ['1904-01-01', '2023-03-15'],
      ['1.25', null],
    ]);
  });

  it('lists sheets and reads one by name or index', () => {
    const bytes = buildXlsx({
      sharedStrings: [si('Navn'), si('Første'), si('Anden')],
      sheets: [
        { name: 'Første ark', rows: row(1, [['A', 't="s"', v(0)]]) + row(2, [['A', 't="s"', v(1)]]), dimension: 'A1:A2' },
        { name: 'Data & mere', rows: row(1, [['A', 't="s"', v(0)]]) + row(2, [['A', 't="s"', v(2)]]) + row(3, [['A', '', v(3)]]), dimension: 'A1:A3' },
      ],
    });
    expect(isXlsx(bytes)).toBe(true);
    expect(listSheets(bytes)).toEqual([
      { name: 'Første ark', index: 0, rows: 2 },
      { name: 'Data & mere', index: 1, rows: 3 },
    ]);
    expect(readSheet(bytes).columns).toEqual([['Første']]);
    expect(readSheet(bytes, 'Data & mere').columns).toEqual([['Anden', '3']]);
    expect(readSheet(bytes, 'data & MERE').rowCount).toBe(2);
    expect(readSheet(bytes, 1).columns).toEqual([['Anden', '3']]);
    expect(() => readSheet(bytes, 'Ark9')).toThrow(/Arket "Ark9" findes ikke/);
    expect(() => readSheet(bytes, 2)).toThrow(XlsxFormatError);
  });

  it('rejects what is not an xlsx with a clear message', () => {
    expect(isXlsx(new TextEncoder().encode('a;b;c\n1;2;3'))).toBe(false);
    expect(() => readSheet(new TextEncoder().encode('a;b;c'))).toThrow('Filen er ikke en Excel-fil (.xlsx).');
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(() => readSheet(ole)).toThrow(/gammel Excel-fil/);
  });

  it('returns an empty table for an empty sheet', () => {
    const table = readSheet(buildXlsx({ sheets: [{ name: 'Tom', rows: '' }] }));
    expect(table).toEqual({ headers: [], columns: [], rowCount: 0, warnings: ['Arket er tomt.'] });
  });

  it('refuses a sheet that inflates to more than its declared size, in both readers', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>Linje ${i}</t></is></c></row>`).join('');
    const bytes = buildXlsx({ sheets: [{ name: 'Ark1', rows }] });
    expect(readSheet(bytes).rowCount).toBe(199);
    // The central directory's uncompressed size of the sheet, made smaller than its content.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml');
    let patched = false;
    for (let at = 0; at + 46 < bytes.length; at++) {
      if (view.getUint32(at, true) !== 0x02014b50) continue;
      const length = view.getUint16(at + 28, true);
      if (length === name.length && name.every((b, i) => bytes[at + 46 + i] === b)) {
        view.setUint32(at + 24, 600, true);
        patched = true;
      }
    }
    expect(patched).toBe(true);
    expect(() => readSheet(bytes)).toThrow(/fylder mere, end filen angiver/);
    await expect(readSheetAsync(bytes)).rejects.toThrow(XlsxFormatError);
  });
});
