import type { PrepareOptions } from './csv/text-prepare.js';
import type { TextScan } from './csv/text-scan.js';
import type { ParsedTable } from './parsed-table.js';

/** A file to import, whatever runtime holds it (a browser File, a path on disk, bytes in a test). */
export interface ImportSource {
  name: string;
  size: number;
  /** The first bytes (for sniffing) and the last (for the fingerprint). */
  slice(start: number, end: number): Promise<Uint8Array>;
  /** All bytes (JavaScript parsers and transcoding need them). */
  bytes(): Promise<Uint8Array>;
  /** The file as the database should read it: a browser File in place, or bytes. */
  handle(): Promise<Uint8Array | Blob>;
}

export interface SheetInfo {
  name: string;
  index: number;
  rows?: number;
  hidden?: boolean;
}

/**
 * The JavaScript parsers, injected: the browser runs them in a Web Worker, Node calls them
 * directly. Core code never knows which.
 */
export interface Parsers {
  listSheets(bytes: Uint8Array): Promise<SheetInfo[]>;
  xlsx(bytes: Uint8Array, sheet?: number | string): Promise<ParsedTable>;
  parquet(bytes: Uint8Array): Promise<ParsedTable>;
  ubl(name: string, bytes: Uint8Array, zip: boolean): Promise<ParsedTable>;
  /**
   * The whole-file text checks and rewrites (csv/text-scan.ts, csv/text-prepare.ts). The browser
   * runs them in the worker, streaming the File; without them they run here (tests, the CLI).
   */
  scanText?(data: Uint8Array | Blob): Promise<TextScan>;
  prepareText?(data: Uint8Array | Blob, options: PrepareOptions): Promise<Uint8Array>;
}

export function bytesSource(name: string, bytes: Uint8Array): ImportSource {
  return {
    name,
    size: bytes.length,
    slice: async (start, end) => bytes.subarray(start, end),
    bytes: async () => bytes,
    handle: async () => bytes,
  };
}
