import { writeWorkbook } from '../report/xlsx-workbook.js';
import type { ExportColumn } from './table-csv.js';

/** The same table as a one-sheet workbook (numbers with formats, dates as dates, frozen header). */
export async function tableXlsx<T>(sheetName: string, columns: readonly ExportColumn<T>[], rows: readonly T[]): Promise<Uint8Array> {
  const result = await writeWorkbook([
    {
      name: sheetName,
      columns: columns.map((c) => ({ header: c.header, format: c.format })),
      rows: rows.map((row) => columns.map((c) => c.value(row))),
    },
  ]);
  return result.bytes;
}
