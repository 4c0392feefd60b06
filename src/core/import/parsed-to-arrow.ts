import { Table, Utf8, vectorFromArray, type Vector } from 'apache-arrow';
import type { ParsedTable } from './parsed-table.js';

/** Column names the importer reserves for a row's origin (file and row within it). */
export const ORIGIN_FILE = '__file';
export const ORIGIN_ROW = '__row';

/** A parsed table as Arrow text columns, the form DuckDB takes it in (`insertArrow`). */
export function parsedTableToArrow(parsed: ParsedTable): Table {
  const vectors: Record<string, Vector> = {};
  parsed.headers.forEach((header, i) => {
    vectors[header] = vectorFromArray(parsed.columns[i] ?? [], new Utf8());
  });
  if (parsed.origin) {
    vectors[ORIGIN_FILE] = vectorFromArray(parsed.origin.file, new Utf8());
    vectors[ORIGIN_ROW] = vectorFromArray(parsed.origin.row.map(String), new Utf8());
  }
  return new Table(vectors);
}
