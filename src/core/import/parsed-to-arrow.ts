import { Table, Utf8, makeData, makeVector, tableToIPC, type Vector } from 'apache-arrow';
import type { ParsedTable } from './parsed-table.js';

/** Column names the importer reserves for a row's origin (file and row within it). */
export const ORIGIN_FILE = '__file';
export const ORIGIN_ROW = '__row';

/**
 * Writes `value` as UTF-8 at `at` (room for 3 bytes per UTF-16 unit is there); returns the end.
 * By hand because TextEncoder.encodeInto costs a call into the browser per cell: in Chromium it
 * made a 100,000-row sheet's columns take 1.4–2.4 s against ~0.1 s here. Lone surrogates become
 * U+FFFD, as TextEncoder writes them.
 */
export function writeUtf8(value: string, bytes: Uint8Array, at: number): number {
  let o = at;
  for (let i = 0; i < value.length; i++) {
    let c = value.charCodeAt(i);
    if (c < 0x80) {
      bytes[o++] = c;
      continue;
    }
    if (c < 0x800) {
      bytes[o++] = 0xc0 | (c >> 6);
      bytes[o++] = 0x80 | (c & 0x3f);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const next = i + 1 < value.length ? value.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        i++;
        bytes[o++] = 0xf0 | (cp >> 18);
        bytes[o++] = 0x80 | ((cp >> 12) & 0x3f);
        bytes[o++] = 0x80 | ((cp >> 6) & 0x3f);
        bytes[o++] = 0x80 | (cp & 0x3f);
        continue;
      }
      c = 0xfffd;
    }
    bytes[o++] = 0xe0 | (c >> 12);
    bytes[o++] = 0x80 | ((c >> 6) & 0x3f);
    bytes[o++] = 0x80 | (c & 0x3f);
  }
  return o;
}

/**
 * Text cells → an Arrow Utf8 vector, built from raw buffers. Arrow's builders compile their
 * null checks with `new Function`, which the app's Content-Security-Policy forbids (and this is
 * faster for millions of cells anyway).
 */
export function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const offsets = new Int32Array(values.length + 1);
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
  let bytes = new Uint8Array(Math.max(64, values.length * 8));
  let length = 0;
  let nullCount = 0;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) nullCount++;
    else {
      nullBitmap[i >> 3]! |= 1 << (i & 7);
      // Worst case 3 bytes per UTF-16 unit; grow before encoding into place.
      const need = length + value.length * 3;
      if (need > bytes.length) {
        const grown = new Uint8Array(Math.max(need, bytes.length * 2));
        grown.set(bytes.subarray(0, length));
        bytes = grown;
      }
      length = writeUtf8(value, bytes, length);
    }
    offsets[i + 1] = length;
  }
  return makeVector(
    makeData({ type: new Utf8(), length: values.length, nullCount, nullBitmap, valueOffsets: offsets, data: bytes.subarray(0, length) }),
  );
}

/** A parsed table as Arrow text columns, the form DuckDB takes it in (`insertArrow`). */
export function parsedTableToArrow(parsed: ParsedTable): Table {
  const vectors: Record<string, Vector> = {};
  parsed.headers.forEach((header, i) => {
    vectors[header] = utf8Vector(parsed.columns[i] ?? []);
  });
  if (parsed.origin) {
    vectors[ORIGIN_FILE] = utf8Vector(parsed.origin.file);
    vectors[ORIGIN_ROW] = utf8Vector(parsed.origin.row.map(String));
  }
  return new Table(vectors);
}

/** Rows a packed table keeps as JavaScript strings: what planning reads (sample and layout). */
export const PREVIEW_ROWS = 200;

/**
 * A parsed table as the parse worker sends it: the whole table as Arrow IPC bytes, which move to
 * the page without a copy and go on to DuckDB as they are, plus the first rows for planning. Sending
 * the columns themselves meant a structured clone of every cell's string (1.5M for a 100,000-row
 * sheet) on the page's main thread, and an Arrow table built there again from them.
 */
export function packParsedTable(parsed: ParsedTable): ParsedTable {
  const arrow = tableToIPC(parsedTableToArrow(parsed), 'stream');
  const { headers, rowCount, warnings, notes } = parsed;
  const columns = parsed.columns.map((c) => c.slice(0, PREVIEW_ROWS));
  return notes ? { headers, columns, rowCount, warnings, notes, arrow } : { headers, columns, rowCount, warnings, arrow };
}
