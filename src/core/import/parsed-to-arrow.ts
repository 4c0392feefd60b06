import { Table, Utf8, makeData, makeVector, type Vector } from 'apache-arrow';
import type { ParsedTable } from './parsed-table.js';

/** Column names the importer reserves for a row's origin (file and row within it). */
export const ORIGIN_FILE = '__file';
export const ORIGIN_ROW = '__row';

/**
 * Text cells → an Arrow Utf8 vector, built from raw buffers. Arrow's builders compile their
 * null checks with `new Function`, which the app's Content-Security-Policy forbids (and this is
 * faster for millions of cells anyway).
 */
export function utf8Vector(values: readonly (string | null)[]): Vector<Utf8> {
  const encoder = new TextEncoder();
  const offsets = new Int32Array(values.length + 1);
  const nullBitmap = new Uint8Array(Math.ceil(values.length / 8));
  let bytes = new Uint8Array(Math.max(64, values.length * 8));
  let length = 0;
  let nullCount = 0;
  values.forEach((value, i) => {
    if (value === null) nullCount++;
    else {
      nullBitmap[i >> 3]! |= 1 << (i & 7);
      // Worst case 3 bytes per UTF-16 unit; grow before encoding into place.
      const need = length + value.length * 3;
      if (need > bytes.length) {
        const grown = new Uint8Array(Math.max(need, bytes.length * 2));
        grown.set(bytes.subarray(0, length));
        bytes = grown;
      }
      length += encoder.encodeInto(value, bytes.subarray(length)).written;
    }
    offsets[i + 1] = length;
  });
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
