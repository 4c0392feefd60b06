import type { ColumnDef, RowData } from '@tanstack/react-table';
import type { ExportColumn } from '../../core/export/table-csv.js';
import type { CellFormat, CellValue } from '../../core/report/xlsx-workbook.js';

/** What a table column says about itself beyond how it looks: alignment, and how it is exported. */
declare module '@tanstack/react-table' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- the type parameters must match TanStack's declaration
  interface ColumnMeta<TData extends RowData, TValue> {
    numeric?: boolean;
    /** The raw value for "Eksportér" (a number stays a number); default: the column's accessor. */
    exportValue?: (row: TData) => CellValue;
    exportFormat?: CellFormat;
    /** The header in the export when the shown header is not plain text (a sort button). */
    exportHeader?: string;
    /** Left out of exports (buttons, selects). */
    noExport?: boolean;
  }
}

/** A table's columns as export columns: each column's text header and raw value. */
export function exportColumns<T>(columns: readonly ColumnDef<T, unknown>[]): ExportColumn<T>[] {
  const out: ExportColumn<T>[] = [];
  for (const [i, c] of columns.entries()) {
    const meta = c.meta;
    if (meta?.noExport) continue;
    const header = meta?.exportHeader ?? (typeof c.header === 'string' ? c.header : (c.id ?? `#${i + 1}`));
    const accessorFn = 'accessorFn' in c ? c.accessorFn : undefined;
    const accessorKey = 'accessorKey' in c ? (c.accessorKey as keyof T) : undefined;
    const value = meta?.exportValue
      ?? (accessorFn ? (row: T) => accessorFn(row, 0) as CellValue : accessorKey !== undefined ? (row: T) => row[accessorKey] as CellValue : undefined);
    if (!value) continue;
    out.push({ header, value, format: meta?.exportFormat ?? (meta?.numeric ? 'decimal' : 'text') });
  }
  return out;
}
