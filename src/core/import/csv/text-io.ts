import type { Parsers } from '../sources.js';
import { prepareUtf8, type PrepareOptions } from './text-prepare.js';
import { blobChunks, byteChunks, scanText, type TextScan } from './text-scan.js';

/** A file's text as chunks, whether it is in memory or a File read as a stream. */
export function chunksOf(data: Uint8Array | Blob): AsyncIterable<Uint8Array> {
  return data instanceof Uint8Array ? byteChunks(data) : blobChunks(data);
}

export function scanData(data: Uint8Array | Blob): Promise<TextScan> {
  return scanText(chunksOf(data));
}

export function prepareData(data: Uint8Array | Blob, options: PrepareOptions): Promise<Uint8Array> {
  return prepareUtf8(chunksOf(data), data instanceof Uint8Array ? data.length : data.size, options);
}

/** The injected worker versions when there are any, else the same code in this thread. */
export function textTools(parsers: Parsers): { scan: typeof scanData; prepare: typeof prepareData } {
  return { scan: parsers.scanText ?? scanData, prepare: parsers.prepareText ?? prepareData };
}
