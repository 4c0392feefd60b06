import type { PlanNote } from './import-problem.js';

/**
 * What the JavaScript parsers (Excel, Parquet, OIOUBL/Peppol XML) hand to the importer: text
 * cells in columns, typed values already rendered canonically so one SQL path reads them all:
 * numbers with '.' as decimal mark and no thousands separator, dates as 'YYYY-MM-DD'.
 */
export interface ParsedTable {
  headers: string[];
  /** columns[c][r]: the text of row r in column c, or null for an empty cell. */
  columns: (string | null)[][];
  rowCount: number;
  /**
   * Where each row came from when it is not simply data row r + 1 of the uploaded file, e.g. a
   * ZIP of XML invoices: the document's file name and the line number within it.
   */
  origin?: { file: string[]; row: number[] };
  /** Things the parser noticed and the import report should show, in Danish. */
  warnings: string[];
  /** The same as codes the UI words in the user's language (merged cells, hidden sheets). */
  notes?: PlanNote[];
  /**
   * The whole table as one Arrow IPC stream (text columns and the origin), made where it was
   * parsed (packParsedTable); `columns` then hold only the first rows, for the plan's preview.
   */
  arrow?: Uint8Array;
}
