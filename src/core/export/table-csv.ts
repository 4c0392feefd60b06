import type { CellFormat, CellValue } from '../report/xlsx-workbook.js';
import { csvDocument, type CsvValue } from './csv.js';

/**
 * A table as the person sees it (its rows in their current order, under the current filters),
 * described once and written as CSV here or as .xlsx (table-xlsx.ts, loaded only when asked for).
 */
export interface ExportColumn<T> {
  header: string;
  value: (row: T) => CellValue;
  /** Default 'text'; an amount, count or share stays a number, a date a date. */
  format?: CellFormat;
}

/** 'YYYY-MM-DD' → 'dd-mm-yyyy', as Danish Excel reads a date in a CSV. */
function danishDate(value: CellValue): CsvValue {
  const iso = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value : null;
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
  return m ? `${m[3]}-${m[2]}-${m[1]}` : (value as CsvValue);
}

/** Danish CSV (`;`, decimal comma, UTF-8 with BOM, CRLF, formula-like text made inert): the shared writer. */
export function tableCsv<T>(columns: readonly ExportColumn<T>[], rows: readonly T[]): string {
  return csvDocument(
    columns.map((c) => c.header),
    rows.map((row) => columns.map((c) => (c.format === 'date' ? danishDate(c.value(row)) : (c.value(row) as CsvValue)))),
  );
}
