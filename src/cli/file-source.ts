import { open, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportSource } from '../core/import/sources.js';

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
    handle: async () => new Uint8Array(await readFile(file)),
  };
}
