import { openAsBlob } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportSource } from '../core/import/sources.js';

// The file behind each Blob handed out below: the native connector registers the path itself
// instead of copying the bytes (a 10M-line export is 1.5 GB; reading it into memory and writing a
// temporary copy cost more than DuckDB's whole read).
const blobPaths = new WeakMap<Blob, string>();

/** The file on disk a Blob from diskSource reads, if it is one. */
export function pathOfBlob(data: Uint8Array | Blob): string | undefined {
  return data instanceof Blob ? blobPaths.get(data) : undefined;
}

/** A file on disk as an import source; DuckDB reads CSVs straight from the path. */
export async function diskSource(file: string): Promise<ImportSource & { path: string }> {
  const info = await stat(file);
  if (!info.isFile()) throw new Error(`${file} er ikke en fil`);
  return {
    name: path.basename(file),
    path: path.resolve(file),
    size: info.size,
    slice: async (start, end) => {
      const handle = await open(file, 'r');
      try {
        const length = Math.max(0, Math.min(end, info.size) - start);
        const buffer = new Uint8Array(length);
        await handle.read(buffer, 0, length, start);
        return buffer;
      } finally {
        await handle.close();
      }
    },
    bytes: async () => new Uint8Array(await readFile(file)),
    // Streamed by the text scan, read in place by DuckDB: the file is never held in memory whole.
    handle: async () => {
      const blob = await openAsBlob(file);
      blobPaths.set(blob, path.resolve(file));
      return blob;
    },
  };
}
