import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeWorkbook, XLSX_MAX_ROWS, type Cell } from '../../../src/core/report/xlsx-workbook.js';
import { everyCell, readWorkbook } from '../../support/xlsx-reader.js';

describe('the xlsx writer, read back with ExcelJS', () => {
  it('numbers are numbers with formats, dates are dates, formula-like text stays text, headers are frozen and bold', async () => {
    const rows: Cell[][] = [
      ['=HYPERLINK("http://x.example","klik")', 1234.5, '2025-03-31', 0.125, 42, true],
      ['+45 12 34 56 78', -500, new Date(Date.UTC(2024, 0, 2)), null, 0, false],
      ['-tekst', 0.01, null, 1, 7, null],
      ['@sum', 1e9, '2024-02-29', 0, 3, null],
      ['Æble & <ost> "ny"\nlinje', 2, '2026-01-01', 0.5, 1, null],
    ];
    const { bytes, rows: counts, truncated } = await writeWorkbook([
      {
        name: 'Ark: med/ulovlige*tegn?',
        columns: [
          { header: 'Tekst' }, { header: 'Beløb (kr.)', format: 'amount' }, { header: 'Dato', format: 'date' },
          { header: 'Andel', format: 'percent' }, { header: 'Antal', format: 'int' }, { header: 'Ja/nej' },
        ],
        rows,
      },
    ]);
    expect(counts).toEqual([5]);
    expect(truncated).toEqual([]);
    const [sheet] = await readWorkbook(bytes);
    expect(sheet!.name).toBe('Ark  med ulovlige tegn');
    expect(sheet!.header).toEqual(['Tekst', 'Beløb (kr.)', 'Dato', 'Andel', 'Antal', 'Ja/nej']);
    expect(sheet!.frozenRows).toBe(1);
    expect(sheet!.headerBold).toBe(true);
    expect(sheet!.widths.every((w) => typeof w === 'number' && w >= 8)).toBe(true);
    // The first column is sized to its longest text.
    expect(sheet!.widths[0]).toBeGreaterThan(30);
    for (const cell of everyCell(sheet!.sheet)) expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
    const [r1, r2, r3, r4, r5] = sheet!.rows;
    for (const [row, text] of [[r1, rows[0]![0]], [r2, rows[1]![0]], [r3, rows[2]![0]], [r4, rows[3]![0]]] as const) {
      expect(row!.getCell(1).type).toBe(ExcelJS.ValueType.String);
      expect(row!.getCell(1).value).toBe(text);
      // Excel's quote prefix (text format "@"): stays text even when a person edits the cell.
      expect(row!.getCell(1).numFmt).toBe('@');
    }
    expect(r5!.getCell(1).value).toBe('Æble & <ost> "ny"\nlinje');
    expect(r1!.getCell(2).value).toBe(1234.5);
    expect(r1!.getCell(2).numFmt).toBe('#,##0.00');
    expect(r2!.getCell(2).value).toBe(-500);
    expect(r4!.getCell(2).value).toBe(1e9);
    expect(r1!.getCell(3).type).toBe(ExcelJS.ValueType.Date);
    expect((r1!.getCell(3).value as Date).toISOString().slice(0, 10)).toBe('2025-03-31');
    expect((r2!.getCell(3).value as Date).toISOString().slice(0, 10)).toBe('2024-01-02');
    expect((r4!.getCell(3).value as Date).toISOString().slice(0, 10)).toBe('2024-02-29');
    expect(r1!.getCell(3).numFmt).toBe('dd-mm-yyyy');
    expect(r3!.getCell(3).value).toBeNull();
    expect(r1!.getCell(4).value).toBe(0.125);
    expect(r1!.getCell(4).numFmt).toBe('0.0%');
    expect(r1!.getCell(5).numFmt).toBe('#,##0');
    expect(r1!.getCell(6).value).toBe(true);
    expect(r2!.getCell(6).value).toBe(false);
  });

  it('streams rows from an async source and stops a sheet at Excel\'s row limit', async () => {
    expect(XLSX_MAX_ROWS).toBe(1_048_575);
    async function* many(n: number) {
      for (let i = 1; i <= n; i++) yield [i, `r${i}`] as Cell[];
    }
    const { bytes, rows } = await writeWorkbook([
      { name: 'A', columns: [{ header: 'n', format: 'int' }, { header: 't' }], rows: many(5000) },
      { name: 'a', columns: [{ header: 'x' }], rows: [['y']] },
    ]);
    expect(rows).toEqual([5000, 1]);
    const sheets = await readWorkbook(bytes);
    // Sheet names are unique without regard to case.
    expect(sheets.map((s) => s.name)).toEqual(['A', 'a 2']);
    expect(sheets[0]!.rows).toHaveLength(5000);
    expect(sheets[0]!.rows.at(-1)!.getCell(1).value).toBe(5000);
    expect(sheets[0]!.rows.reduce((a, r) => a + Number(r.getCell(1).value), 0)).toBe((5000 * 5001) / 2);
  });
});
