import type { DbConnector } from '../../db/connector.js';
import { queryRows } from '../../db/rows.js';
import { literal, quoteIdent } from '../../sql/escape.js';
import { ORIGIN_ROW } from '../parsed-to-arrow.js';
import { decodeLenient, lineAt, sliceOf, type TextData } from './line-bytes.js';
import { describeReject, firstPerLine, isQuoteError, type EngineReject, type StructuralReject } from './structural-rejects.js';

/**
 * Reads a CSV into a staging table with DuckDB's own reader (the fast path: multi-threaded, from
 * the file in place), with the dialect our sniffer found instead of DuckDB's sniffer, strict
 * RFC 4180 parsing, and every line it refuses collected as a rejected row instead of failing
 * the file. Rows keep their data-row number in the file even around refused and empty lines.
 */
export interface CsvReadOptions {
  delimiter: string;
  quote: '"' | '';
  escape: '"' | '\\';
  /** Lines before the header line. */
  skip: number;
  headers: readonly string[];
  nullPadding: boolean;
  /** 1-based physical lines that are empty (DuckDB skips them silently). */
  blankLines: readonly number[];
  /**
   * Keep the staging table in the workspace's compressed database (connector.ts) instead of a plain
   * TEMP table: slower to write, a fraction of the memory. See COMPRESSED_STAGE_BYTES.
   */
  compressed?: boolean;
}

/**
 * From this file size on, a CSV is staged compressed. Measured in DuckDB-WASM on the generated 1M-line
 * file (151 MB, 15 text columns): a TEMP stage takes 1.5 s and 255 MB, a compressed one 2.8 s and
 * 30 MB. Below this size the memory is not what limits the browser and the time is kept; above it the
 * plain stage and the import's uncompressed transaction together ran past the renderer's 3 GB at 5M
 * lines (746 MiB; `npm run bench -- --sizes 5000000`, 2026-12-07).
 */
export const COMPRESSED_STAGE_BYTES = 256 * 1_048_576;

const stageTable = (options: CsvReadOptions) => (options.compressed ? 'TABLE' : 'TEMP TABLE');

export interface StagedCsv {
  /** The staging table's data columns (the sniffed headers). */
  headers: string[];
  rejects: StructuralReject[];
  /** True when the table has a `__row` column (some lines were refused or empty). */
  rowColumn: boolean;
}

/** DuckDB's strict parser stops on a file whose line endings are mixed: rewrite it and read again. */
export class MixedLineEndingsError extends Error {
  override name = 'MixedLineEndingsError';
}

/** After this many broken quotes, the rest of the file is read with quotes as plain text. */
const MAX_SPANS = 20;
/** Encoding rejects whose text is re-read from the file to show the bytes as Windows-1252 would. */
const MAX_REREAD = 1000;

/**
 * Strict parsing is DuckDB's default and stays on: its lenient mode silently drops characters
 * ("ab"cd → abc) and merges lines. The line ending is left to DuckDB too: set explicitly together
 * with strict_mode, '\r\n' read no rows at all in DuckDB 1.4.3 (measured), while its own
 * detection handles LF, CRLF and CR.
 */
function readSql(table: string, file: string, options: CsvReadOptions, skip: number, quote: string, parallel: boolean, rejects: string): string {
  const columns = options.headers.map((h) => `${literal(h)}: 'VARCHAR'`).join(', ');
  const escape = quote === '' ? '' : options.escape;
  return `CREATE OR REPLACE ${stageTable(options)} ${quoteIdent(table)} AS SELECT * FROM read_csv(${literal(file)},
      delim = ${literal(options.delimiter)}, quote = ${literal(quote)}, escape = ${literal(escape)},
      header = false, skip = ${skip}, auto_detect = false, columns = {${columns}},
      null_padding = ${options.nullPadding}, parallel = ${parallel}, encoding = 'utf-8',
      store_rejects = true, rejects_table = ${literal(rejects)}, rejects_scan = ${literal(`${rejects}_scan`)})`;
}

async function readSegment(db: DbConnector, table: string, file: string, options: CsvReadOptions, skip: number, quote: string, rejects: string) {
  const run = (parallel: boolean) => db.exec(readSql(table, file, options, skip, quote, parallel, rejects));
  try {
    await run(true);
  } catch (error) {
    const message = String((error as Error).message);
    if (/state machine reached an invalid state/i.test(message)) throw new MixedLineEndingsError(message);
    // Padding short rows cannot be combined with newlines inside quotes in the parallel scanner.
    if (!/null_padding/.test(message)) throw error;
    await run(false);
  }
  const rows = await queryRows(
    db,
    `SELECT line, line_byte_position, byte_position, column_idx, error_type, coalesce(csv_line, '') AS csv_line, coalesce(error_message, '') AS error_message
       FROM ${quoteIdent(rejects)} ORDER BY line, byte_position`,
  );
  await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(rejects)}`);
  await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(`${rejects}_scan`)}`);
  return rows.map((r): EngineReject => ({
    line: Number(r.line),
    lineByte: Number(r.line_byte_position),
    byte: Number(r.byte_position),
    columnIdx: r.column_idx === null ? null : Number(r.column_idx),
    errorType: String(r.error_type),
    csvLine: String(r.csv_line),
    message: String(r.error_message),
  }));
}

const utf8 = new TextEncoder();

/**
 * The physical line where a damaged record starts. DuckDB's line position and text are right when
 * the error lies within them (a quote that ran over lines has its error further down); after a
 * quote error they can be those of the line before, and then the error's own line is the one.
 */
async function recordLine(data: TextData, start: number, r: EngineReject) {
  const text = utf8.encode(r.csvLine.replace(/^[\r\n]+/, '')).length;
  const reported = await lineAt(data, start + r.lineByte, true);
  return r.byte - 1 < reported.start - start + text ? reported : lineAt(data, start + Math.max(0, r.byte - 1));
}

/** How many of the sorted numbers lie in [from, to]. */
function countBetween(sorted: readonly number[], from: number, to: number): number {
  const lower = (x: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return to < from ? 0 : lower(to + 1) - lower(from);
}

export async function stageCsv(db: DbConnector, table: string, file: string, data: TextData, options: CsvReadOptions): Promise<StagedCsv> {
  const headerLine = options.skip + 1;
  const rejects: StructuralReject[] = [];
  const segments: { table: string; rows: number }[] = [];
  let start = 0;
  let lineBase = 0;
  let quote: string = options.quote;
  let reread = 0;
  const size = data instanceof Uint8Array ? data.length : data.size;
  for (let s = 0; ; s++) {
    const name = s === 0 ? file : `${file}#${s}`;
    if (s > 0) await db.registerFile(name, sliceOf(data, start));
    const segment = `${table}_seg${s}`;
    let engine: EngineReject[];
    try {
      engine = await readSegment(db, segment, name, options, s === 0 ? headerLine : 0, quote, `${table}_rej${s}`);
    } finally {
      if (s > 0) await db.dropFile(name).catch(() => undefined);
    }
    // Up to and including the first quote error, DuckDB's reports are sound; the rest is read again.
    const cut = engine.find(isQuoteError);
    const sound = cut ? engine.filter((r) => r.line < cut.line || (r.line === cut.line && r.byte <= cut.byte)) : engine;
    const kept = firstPerLine(sound);
    const cutLine = cut ? await recordLine(data, start, cut) : null;
    for (const r of kept) {
      const line = lineBase + r.line;
      let raw = r.csvLine.replace(/^[\r\n]+/, '');
      if (cut && r.line === cut.line) raw = cutLine!.text;
      else if (r.errorType === 'INVALID ENCODING' && reread++ < MAX_REREAD) raw = decodeLenient((await lineAt(data, start + r.lineByte, true)).bytes);
      rejects.push(describeReject(r, options.headers, line - headerLine, line, raw.slice(0, 10_000)));
    }
    const [count] = await queryRows(db, `SELECT count(*) AS n FROM ${quoteIdent(segment)}`);
    let rows = Number(count?.n ?? 0);
    if (cut && cutLine) {
      // Keep the rows read before the broken quote; the rest of the file is read again after its line.
      const firstData = s === 0 ? headerLine + 1 : 1;
      const before = cut.line - firstData - (kept.length - 1) - countBetween(options.blankLines, lineBase + firstData, lineBase + cut.line - 1);
      rows = Math.max(0, before);
      await db.exec(`DELETE FROM ${quoteIdent(segment)} WHERE rowid >= ${rows}`);
      segments.push({ table: segment, rows });
      start = cutLine.end;
      lineBase += cut.line;
      if (s + 1 >= MAX_SPANS) quote = '';
      if (start >= size) break;
      continue;
    }
    segments.push({ table: segment, rows });
    break;
  }
  const staged = await combine(db, table, segments, holes(rejects, options.blankLines, headerLine), stageTable(options));
  return { headers: [...options.headers], rejects, rowColumn: staged };
}

/** Data rows that are not in the staging table: refused lines and empty lines, sorted. */
function holes(rejects: readonly StructuralReject[], blankLines: readonly number[], headerLine: number): number[] {
  const rows = new Set(rejects.map((r) => r.row));
  for (const line of blankLines) if (line > headerLine) rows.add(line - headerLine);
  return [...rows].sort((a, b) => a - b);
}

/**
 * One staging table from the segments, in file order. Without holes among the loaded rows the
 * first segment is the table (row = position); otherwise each row gets its `__row`: the k-th
 * loaded row is row k + 1 plus the holes before it, found with an ASOF join on (hole − rank).
 */
async function combine(db: DbConnector, table: string, segments: { table: string; rows: number }[], sortedHoles: number[], kind: string): Promise<boolean> {
  const loaded = segments.reduce((n, s) => n + s.rows, 0);
  const gaps = new Map<number, number>();
  sortedHoles.forEach((h, i) => {
    const gap = h - (i + 1);
    if (gap < loaded) gaps.set(gap, i + 1);
  });
  if (segments.length === 1 && gaps.size === 0) {
    await db.exec(`ALTER TABLE ${quoteIdent(segments[0]!.table)} RENAME TO ${quoteIdent(table)}`);
    return false;
  }
  const map = `${table}_holes`;
  await db.exec(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(map)} (gap BIGINT, cum BIGINT)`);
  const pairs = [...gaps];
  for (let i = 0; i < pairs.length; i += 5000) {
    const values = pairs.slice(i, i + 5000).map(([g, c]) => `(${g}, ${c})`).join(', ');
    await db.exec(`INSERT INTO ${quoteIdent(map)} VALUES ${values}`);
  }
  let offset = 0;
  const parts = segments.map((s) => {
    const part = `SELECT *, rowid + ${offset} AS __k FROM ${quoteIdent(s.table)}`;
    offset += s.rows;
    return part;
  });
  await db.exec(
    `CREATE OR REPLACE ${kind} ${quoteIdent(table)} AS
     SELECT u.* EXCLUDE (__k), u.__k + 1 + coalesce(h.cum, 0) AS ${quoteIdent(ORIGIN_ROW)}
       FROM (${parts.join(' UNION ALL ')}) u ASOF LEFT JOIN ${quoteIdent(map)} h ON u.__k >= h.gap
      ORDER BY u.__k`,
  );
  await db.exec(`DROP TABLE ${quoteIdent(map)}`);
  for (const s of segments) await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(s.table)}`);
  return true;
}
