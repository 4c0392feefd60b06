import { type AsyncFlateStreamHandler, deflateSync, Zip, ZipDeflate, type ZipInputFile } from 'fflate';

/**
 * Streaming ZIP output on fflate. Entries carry a fixed modification time so the same seed gives
 * the same bytes. fflate writes the DOS time from the Date's local-time fields, so the Date is
 * built from local fields too: it then reads back the same in every time zone.
 */
export const ZIP_MTIME = new Date(2026, 0, 1, 12, 0, 0);

/** Without Zip64 (which fflate does not write) an archive holds at most 65,535 entries. */
export const ZIP_MAX_ENTRIES = 65_535;

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 as ZIP wants it (fflate computes it internally but does not export it). */
export function crc32(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/**
 * A small entry deflated in one call. fflate's per-entry stream sets up a full deflate state for
 * every file, which dominates when an archive holds many thousand small XML documents.
 */
class DeflatedEntry implements ZipInputFile {
  readonly compression = 8;
  readonly flag = 0;
  readonly mtime = ZIP_MTIME;
  ondata: AsyncFlateStreamHandler = () => undefined;

  constructor(
    readonly filename: string,
    readonly size: number,
    readonly crc: number,
  ) {}
}

export interface ZipEntryStream {
  push(chunk: Uint8Array, final?: boolean): void;
}

export class ZipWriter {
  private readonly zip: Zip;
  entries = 0;

  constructor(emit: (bytes: Uint8Array) => void) {
    this.zip = new Zip((err, data) => {
      if (err) throw err;
      emit(data);
    });
  }

  /** An entry whose content is pushed in chunks; it must be finished before the next is added. */
  open(name: string, level: 1 | 6 | 9 = 6): ZipEntryStream {
    if (this.entries >= ZIP_MAX_ENTRIES) throw new Error(`a ZIP file holds at most ${ZIP_MAX_ENTRIES} entries`);
    const entry = new ZipDeflate(name, { level });
    entry.mtime = ZIP_MTIME;
    this.zip.add(entry);
    this.entries++;
    return entry;
  }

  add(name: string, data: Uint8Array, level: 1 | 6 | 9 = 6): void {
    if (this.entries >= ZIP_MAX_ENTRIES) throw new Error(`a ZIP file holds at most ${ZIP_MAX_ENTRIES} entries`);
    const entry = new DeflatedEntry(name, data.length, crc32(data));
    this.zip.add(entry);
    this.entries++;
    entry.ondata(null, deflateSync(data, { level }), true);
  }

  end(): void {
    this.zip.end();
  }
}
