import { readParquet } from './parquet/index.js';
import type { Parsers } from './sources.js';
import { parseUblDocuments, parseUblZip } from './ubl/index.js';
import { listSheets, readSheetAsync } from './xlsx/index.js';

/**
 * The parsers called in the current thread: Node (tests, command line) uses them as they are;
 * the browser runs this same object inside its parse worker.
 */
export const directParsers: Parsers = {
  listSheets: async (bytes) => listSheets(bytes),
  xlsx: (bytes, sheet) => readSheetAsync(bytes, sheet),
  parquet: (bytes) => readParquet(bytes),
  ubl: async (name, bytes, zip) => (zip ? parseUblZip(name, bytes) : parseUblDocuments([{ name, bytes }])),
};
