import type { PrepareOptions } from './csv/text-prepare.js';
import type { TextScan } from './csv/text-scan.js';
import type { ProblemData } from './import-problem.js';
import type { ParsedTable } from './parsed-table.js';
import type { SheetInfo } from './sources.js';
import type { FormatReason } from './format-error.js';

/** Messages between the UI and the parse worker; both ends import this one definition. */
export type ParseRequest =
  | { id: number; type: 'listSheets'; bytes: Uint8Array }
  | { id: number; type: 'xlsx'; bytes: Uint8Array; sheet?: number | string }
  | { id: number; type: 'parquet'; bytes: Uint8Array }
  | { id: number; type: 'ubl'; name: string; bytes: Uint8Array; zip: boolean }
  | { id: number; type: 'scanText'; data: Uint8Array | Blob }
  | { id: number; type: 'prepareText'; data: Uint8Array | Blob; options: PrepareOptions };

export type ParseResult = SheetInfo[] | ParsedTable | TextScan | Uint8Array;

/** A failure keeps its kind across the boundary: a problem with its code, or a parser's own words. */
export interface ParseFailure {
  name: string;
  message: string;
  stack?: string;
  problem?: ProblemData;
  /** A format error's reason (format-error.ts), so the page can say it in the person's language. */
  reason?: FormatReason;
}

export type ParseResponse = { id: number; ok: true; result: ParseResult } | { id: number; ok: false; error: ParseFailure };
