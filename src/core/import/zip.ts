import { Inflate, inflateSync } from 'fflate';
import { ImportProblem } from './import-problem.js';
import { doctypeLine } from './xml-safety.js';
import { FormatError } from './format-error.js';

/**
 * A minimal ZIP reader over the central directory, for Excel workbooks and ZIPs of invoices.
 * fflate's unzipSync would do for whole entries, but listing sheets only needs the first few KB
 * of each (possibly huge) sheet, and knowing the uncompressed size up front lets inflate write
 * into one preallocated buffer, which is also what bounds a ZIP bomb: an entry never inflates to
 * more than its declared size, and declared sizes are checked before anything is inflated.
 * Entry names are only ever looked up or shown as text, never used as paths.
 */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class XlsxFormatError extends FormatError {
  override name = 'XlsxFormatError';
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

export function hasZipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Entries by name, from the central directory; null when the bytes are not a readable ZIP. */
export function readZipDirectory(bytes: Uint8Array): Map<string, ZipEntry> | null {
  if (!hasZipMagic(bytes) || bytes.length < 22) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record sits in the last 22 bytes plus a comment of at most 65,535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = view.getUint16(eocd + 10, true);
  let pos = view.getUint32(eocd + 16, true);
  const decoder = new TextDecoder();
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (pos + 46 > bytes.length || view.getUint32(pos, true) !== CEN_SIG) return null;
    const nameLen = view.getUint16(pos + 28, true);
    const extraLen = view.getUint16(pos + 30, true);
    const commentLen = view.getUint16(pos + 32, true);
    const name = decoder.decode(bytes.subarray(pos + 46, pos + 46 + nameLen));
    entries.set(name, {
      name,
      method: view.getUint16(pos + 10, true),
      compressedSize: view.getUint32(pos + 20, true),
      size: view.getUint32(pos + 24, true),
      localOffset: view.getUint32(pos + 42, true),
    });
    pos += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

export interface ZipLimits {
  entries: number;
  entryBytes: number;
  totalBytes: number;
  ratio: number;
}

/** Bounds for a ZIP from outside: real workbooks and invoice exports stay far below them. */
export const ZIP_LIMITS: ZipLimits = {
  // The classic end record counts at most 65,535 entries; ZIP64 archives are not read at all.
  entries: 50_000,
  /** Per entry: a JavaScript string cannot hold much more once decoded. */
  entryBytes: 512 * 1_048_576,
  totalBytes: 1_536 * 1_048_576,
  /** Expansion of one entry over 1 MB; XML compresses 5-30×, a bomb of zeros about 1,000×. */
  ratio: 200,
};

/**
 * Refuses a ZIP whose directory promises too much, before a byte is inflated. Entries `streamed`
 * says are read in pieces (an Excel sheet: SheetScanner) are held to the expansion ratio only: the
 * size bounds are for text held whole, and a sheet of Excel's 1,048,576 rows is ~750 MB of XML.
 */
export function checkZipBounds(
  file: string, entries: Map<string, ZipEntry>, limits: ZipLimits = ZIP_LIMITS, streamed: (name: string) => boolean = () => false,
): void {
  if (entries.size > limits.entries) throw new ImportProblem('zip_entries', file, { n: entries.size, limit: limits.entries });
  let total = 0;
  for (const entry of entries.values()) {
    const ratio = entry.size / Math.max(1, entry.compressedSize);
    if (entry.size > 1_048_576 && ratio > limits.ratio) {
      throw new ImportProblem('zip_ratio', file, { entry: entry.name, ratio: Math.round(ratio) });
    }
    if (streamed(entry.name) && entry.size !== 0xffffffff) continue;
    total += entry.size;
    // 0xFFFFFFFF marks a ZIP64 size, far beyond anything read here.
    if (entry.size > limits.entryBytes || entry.size === 0xffffffff || total > limits.totalBytes) {
      throw new ImportProblem('zip_size', file, { limit: Math.round(limits.totalBytes / 1_048_576) });
    }
  }
}

/** Entry names in ZIPs are case-sensitive, but some writers vary the case of xl/ parts. */
export function findEntry(entries: Map<string, ZipEntry>, name: string): ZipEntry | undefined {
  const exact = entries.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const [key, entry] of entries) if (key.toLowerCase() === lower) return entry;
  return undefined;
}

function compressedData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOC_SIG) {
    throw new XlsxFormatError(`Excel-filen er beskadiget (delen ${entry.name} kan ikke findes).`, { code: 'zip_part_missing', params: { part: entry.name } });
  }
  // The local header's extra field may differ from the central one, so read its own lengths.
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  return bytes.subarray(start, start + entry.compressedSize);
}

export function readEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = compressedData(bytes, entry);
  if (entry.method === 0) return data;
  if (entry.method !== 8) {
    throw new XlsxFormatError(`Excel-filen bruger en ukendt komprimering (metode ${entry.method}).`, { code: 'zip_method', params: { method: entry.method } });
  }
  // Never more than the declared size (checked by checkZipBounds): fflate stops at the end of `out`.
  return inflateSync(data, { out: new Uint8Array(entry.size) });
}

function tooLarge(entry: ZipEntry): XlsxFormatError {
  return new XlsxFormatError(`Excel-filen er beskadiget (delen ${entry.name} fylder mere, end filen angiver).`, { code: 'zip_part_too_large', params: { part: entry.name } });
}

/**
 * An entry inflated piece by piece (fflate, in this thread), never past its declared size: so a
 * sheet is read without its whole text in memory at once.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, onChunk: (chunk: Uint8Array) => void): void {
  const data = compressedData(bytes, entry);
  if (entry.method === 0) return onChunk(data);
  if (entry.method !== 8) throw new XlsxFormatError(`Excel-filen bruger en ukendt komprimering (metode ${entry.method}).`, { code: 'zip_method', params: { method: entry.method } });
  let total = 0;
  const inflate = new Inflate((chunk) => {
    total += chunk.length;
    if (total > entry.size) throw tooLarge(entry);
    onChunk(chunk);
  });
  const step = 1 << 20;
  for (let p = 0; p < data.length; p += step) inflate.push(data.subarray(p, Math.min(data.length, p + step)), p + step >= data.length);
}

/**
 * The same with the platform's own inflater (DecompressionStream, native zlib) where there is one:
 * about four times faster than fflate on a 70 MB sheet in Chromium's worker.
 */
export async function inflateEntryAsync(bytes: Uint8Array, entry: ZipEntry, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  if (entry.method !== 8 || typeof DecompressionStream === 'undefined') return inflateEntry(bytes, entry, onChunk);
  const data = compressedData(bytes, entry);
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(data);
      controller.close();
    },
  });
  const reader = source.pipeThrough(new DecompressionStream('deflate-raw') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>).getReader();
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    total += value.length;
    if (total > entry.size) {
      await reader.cancel();
      throw tooLarge(entry);
    }
    onChunk(value);
  }
}

/** An XML part as text; a part with a DOCTYPE is refused (xml-safety.ts). */
export function readEntryText(bytes: Uint8Array, entry: ZipEntry): string {
  const text = new TextDecoder().decode(readEntry(bytes, entry));
  const line = doctypeLine(text);
  if (line !== null) throw new ImportProblem('xml_doctype', '', { line, entry: entry.name });
  return text;
}

/**
 * The entry's text up to and including the first `marker`, inflating only as much as needed
 * (or the whole text if the marker never comes).
 */
export function readEntryHead(bytes: Uint8Array, entry: ZipEntry, marker: string): string {
  const data = compressedData(bytes, entry);
  if (entry.method === 0) return new TextDecoder().decode(data.subarray(0, Math.min(data.length, 65536)));
  const decoder = new TextDecoder();
  let text = '';
  let found = false;
  const inflate = new Inflate((chunk) => {
    if (found) return;
    text += decoder.decode(chunk, { stream: true });
    // The marker sits in the first kilobytes of a real part; past a megabyte it is not coming.
    found = text.includes(marker) || text.length > 1_048_576;
  });
  const step = 16384;
  for (let p = 0; p < data.length && !found; p += step) {
    inflate.push(data.subarray(p, Math.min(data.length, p + step)), p + step >= data.length);
  }
  return text;
}
