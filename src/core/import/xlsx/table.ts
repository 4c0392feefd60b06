import type { ParsedTable } from '../parsed-table.js';
import { HEAD_ROWS, type RawSheet } from './sheet-scanner.js';

/**
 * Turns a scanned sheet into a ParsedTable: finds the header row (exports often have a title
 * or blank rows above it), names the columns uniquely and keeps every row below it in order.
 */

/** Share of a header row's non-empty cells that must be text. */
const TEXT_SHARE = 0.8;

export function findHeaderRow(raw: RawSheet): number {
  const rows = Math.min(HEAD_ROWS, raw.rowCount);
  let widest = 0;
  for (let r = 0; r < rows; r++) widest = Math.max(widest, raw.nonEmpty[r] ?? 0);
  let firstNonEmpty = -1;
  for (let r = 0; r < rows; r++) {
    const n = raw.nonEmpty[r] ?? 0;
    if (n === 0) continue;
    if (firstNonEmpty < 0) firstNonEmpty = r;
    // A title row has one or two cells where the table is wide; a header spans most columns.
    if ((raw.text[r] ?? 0) >= TEXT_SHARE * n && n >= Math.ceil(widest / 2)) return r;
  }
  return Math.max(0, firstNonEmpty);
}

export function headerName(cell: string | null | undefined): string {
  return (cell ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Unique, non-empty names; DuckDB compares column names case-insensitively, so do we. The names
 * the importer reserves for a row's origin are never handed out.
 */
export function uniqueHeaders(names: string[]): string[] {
  const seen = new Set<string>(['__file', '__row']);
  return names.map((name, i) => {
    const base = name || `Kolonne ${i + 1}`;
    let unique = base;
    for (let k = 2; seen.has(unique.toLowerCase()); k++) unique = `${base}_${k}`;
    seen.add(unique.toLowerCase());
    return unique;
  });
}

/** What the import report says about a sheet: rows skipped above the header, error cells, formulas without a value. */
export function sheetWarnings(raw: RawSheet, headerRow: number): string[] {
  const warnings: string[] = [];
  if (headerRow > 0) {
    const lines = headerRow === 1 ? '1 linje' : `${headerRow} linjer`;
    warnings.push(`Springer ${lines} over overskriften over (overskriften står i række ${headerRow + 1}).`);
  }
  if (raw.errors > 0) {
    const kinds = [...raw.errorKinds].slice(0, 5).join(', ');
    warnings.push(`${raw.errors} celler med fejlværdier (${kinds}) er læst som tomme.`);
  }
  if (raw.formulasWithoutValue > 0) {
    warnings.push(
      `${raw.formulasWithoutValue} formler har ikke noget gemt resultat og er læst som tomme (åbn og gem filen i Excel først).`,
    );
  }
  return warnings;
}

export function buildTable(raw: RawSheet): ParsedTable {
  if (raw.rowCount === 0) return { headers: [], columns: [], rowCount: 0, warnings: ['Arket er tomt.'] };
  const headerRow = findHeaderRow(raw);
  // Columns with nothing at or below the header row (e.g. a wide title) are left out.
  let width = 0;
  raw.columns.forEach((column, c) => {
    for (let r = headerRow; r < column.length; r++) {
      if (column[r] !== null) {
        width = c + 1;
        return;
      }
    }
  });
  const rowCount = Math.max(0, raw.rowCount - headerRow - 1);
  const names: string[] = [];
  const columns: (string | null)[][] = [];
  for (let c = 0; c < width; c++) {
    const column = raw.columns[c] ?? [];
    names.push(headerName(column[headerRow]));
    const data = column.slice(headerRow + 1, raw.rowCount);
    while (data.length < rowCount) data.push(null);
    columns.push(data);
  }
  return { headers: uniqueHeaders(names), columns, rowCount, warnings: sheetWarnings(raw, headerRow) };
}
