import type { ParsedTable } from './parsed-table.js';
import type { SheetInfo } from './sources.js';

/** Messages between the UI and the parse worker; both ends import this one definition. */
export type ParseRequest =
  | { id: number; type: 'listSheets'; bytes: Uint8Array }
  | { id: number; type: 'xlsx'; bytes: Uint8Array; sheet?: number | string }
  | { id: number; type: 'parquet'; bytes: Uint8Array }
  | { id: number; type: 'ubl'; name: string; bytes: Uint8Array; zip: boolean };

export type ParseResult = SheetInfo[] | ParsedTable;

export type ParseResponse = { id: number; ok: true; result: ParseResult } | { id: number; ok: false; error: string };
