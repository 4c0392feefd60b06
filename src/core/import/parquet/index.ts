/**
 * Parquet reader for the browser worker and Node. DuckDB-WASM cannot load its parquet extension
 * offline, so hyparquet (pure JS) decodes the file and we render the values as canonical text.
 * Snappy is built into hyparquet; the other codecs come from hyparquet-compressors, loaded only
 * when a file needs them (it is ~115 KB minified, mostly Brotli's dictionary).
 */
import { parquetMetadata, parquetRead, parquetSchema, type CompressionCodec, type Compressors, type FileMetaData, type SchemaElement } from 'hyparquet';
import type { ParsedTable } from '../parsed-table.js';
import { uniqueHeaders } from '../xlsx/table.js';
import { columnKind, renderValue, timestampParsers, type ColumnKind } from './values.js';
import { FormatError } from '../format-error.js';

export class ParquetFormatError extends FormatError {
  override name = 'ParquetFormatError';
}

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

export function isParquet(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false;
  const end = bytes.length - 4;
  return MAGIC.every((b, i) => bytes[i] === b && bytes[end + i] === b);
}

const BUILT_IN: ReadonlySet<CompressionCodec> = new Set(['UNCOMPRESSED', 'SNAPPY']);
const WITH_COMPRESSORS: ReadonlySet<CompressionCodec> = new Set(['GZIP', 'BROTLI', 'ZSTD', 'LZ4', 'LZ4_RAW']);

/** The message for a codec no browser build can read, or null when all are readable. */
export function unsupportedCodecMessage(codecs: Iterable<CompressionCodec>): string | null {
  for (const codec of codecs) {
    if (!BUILT_IN.has(codec) && !WITH_COMPRESSORS.has(codec)) {
      return `Parquet-filen bruger komprimeringen ${codec}, som Overblik ikke kan læse i browseren – brug kommandolinjeværktøjet eller gem filen med Snappy.`;
    }
  }
  return null;
}

function codecsOf(metadata: FileMetaData): Set<CompressionCodec> {
  const codecs = new Set<CompressionCodec>();
  for (const group of metadata.row_groups) {
    for (const column of group.columns) if (column.meta_data) codecs.add(column.meta_data.codec);
  }
  return codecs;
}

/**
 * A copy of the metadata with exact-decimal annotations removed, so hyparquet hands us the
 * unscaled integers instead of floats (see values.ts).
 */
function withRawDecimals(metadata: FileMetaData): FileMetaData {
  const schema = metadata.schema.map((element): SchemaElement => {
    const kind = element.type ? columnKind(element) : undefined;
    if (kind?.kind !== 'decimal' || !kind.exact) return element;
    return { ...element, converted_type: undefined, logical_type: undefined };
  });
  return { ...metadata, schema };
}

function readMetadata(bytes: Uint8Array): FileMetaData {
  if (!isParquet(bytes)) throw new ParquetFormatError('Filen er ikke en Parquet-fil.', { code: 'parquet_not' });
  try {
    return parquetMetadata(bytes);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ParquetFormatError(`Parquet-filen er beskadiget og kan ikke læses (${detail}).`, { code: 'parquet_damaged', params: { detail } });
  }
}

export async function readParquet(bytes: Uint8Array): Promise<ParsedTable> {
  const metadata = readMetadata(bytes);
  const codecs = codecsOf(metadata);
  const problem = unsupportedCodecMessage(codecs);
  const codec = [...codecs].find((c) => !BUILT_IN.has(c) && !WITH_COMPRESSORS.has(c));
  if (problem) throw new ParquetFormatError(problem, { code: 'parquet_codec', params: { codec: codec ?? '?' } });
  let compressors: Compressors | undefined;
  if ([...codecs].some((codec) => !BUILT_IN.has(codec))) {
    compressors = (await import('hyparquet-compressors')).compressors;
  }

  const rowCount = Number(metadata.num_rows);
  const warnings: string[] = [];
  const top = parquetSchema(metadata).children;
  const kinds: ColumnKind[] = [];
  const index = new Map<string, number>();
  top.forEach((node, i) => {
    index.set(node.element.name, i);
    if (node.children.length > 0) {
      kinds.push({ kind: 'other' });
      warnings.push(`Kolonnen "${node.element.name}" er sammensat (liste eller struktur) og er læst som JSON-tekst.`);
    } else {
      kinds.push(columnKind(node.element));
    }
  });
  const columns = top.map(() => new Array<string | null>(rowCount).fill(null));

  // hyparquet's page slices are views; give it an ArrayBuffer of exactly this file.
  const buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
  try {
    await parquetRead({
      file: buffer as ArrayBuffer,
      metadata: withRawDecimals(metadata),
      compressors,
      parsers: timestampParsers,
      onChunk: ({ columnName, columnData, rowStart, rowEnd }) => {
        const c = index.get(columnName);
        if (c === undefined) return;
        const column = columns[c] as (string | null)[];
        const kind = kinds[c] as ColumnKind;
        const end = Math.min(rowEnd, rowCount, rowStart + columnData.length);
        for (let r = rowStart; r < end; r++) column[r] = renderValue(columnData[r - rowStart], kind);
      },
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ParquetFormatError(`Parquet-filen kunne ikke læses (${detail}).`, { code: 'parquet_unreadable', params: { detail } });
  }
  return { headers: uniqueHeaders(top.map((node) => node.element.name.trim())), columns, rowCount, warnings };
}
