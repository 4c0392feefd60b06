/**
 * Lines DuckDB's CSV reader refuses (wrong number of fields, a broken quote, bytes that are not
 * UTF-8, a line over the size limit), as rejected rows with a reason people can read. DuckDB's
 * own message is kept as technical detail, never shown as the message.
 */
export type StructuralReason = 'too_few_fields' | 'too_many_fields' | 'quote_invalid' | 'encoding_invalid' | 'line_too_long' | 'line_unreadable';

export interface RejectDetail {
  /** The column (header name) where the problem is, when there is one. */
  column?: string;
  found?: number;
  expected?: number;
  /** The engine's own words, for the "Detaljer" toggle. */
  engine?: string;
}

export interface StructuralReject {
  /** 1-based data row (the header is row 0), as every other reject. */
  row: number;
  /** 1-based line in the file, for messages. */
  line: number;
  raw: string;
  reason: StructuralReason;
  detail: RejectDetail;
}

/** One row of DuckDB's rejects table. */
export interface EngineReject {
  line: number;
  lineByte: number;
  /** 1-based position of the error itself (DuckDB's line positions go astray after a quote error). */
  byte: number;
  columnIdx: number | null;
  errorType: string;
  csvLine: string;
  message: string;
}

const REASONS: Record<string, StructuralReason> = {
  'MISSING COLUMNS': 'too_few_fields',
  'TOO MANY COLUMNS': 'too_many_fields',
  'UNQUOTED VALUE': 'quote_invalid',
  'INVALID ENCODING': 'encoding_invalid',
  'INVALID UNICODE': 'encoding_invalid',
  'LINE SIZE OVER MAXIMUM': 'line_too_long',
};

/**
 * A quote error is where DuckDB's reader loses its footing: the quote may run over the following
 * lines, and the positions and line numbers it reports after it are not reliable (measured in
 * 1.4.3). The importer cuts the file after that line and reads the rest again.
 */
export function isQuoteError(reject: EngineReject): boolean {
  // A record whose text runs over a line break was read through a quote too (wrongly or not).
  return reject.errorType === 'UNQUOTED VALUE' || /[\r\n]/.test(reject.csvLine.replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, ''));
}

/** The reason and detail of one refused line; `raw` is its text as it stands in the file. */
export function describeReject(reject: EngineReject, headers: readonly string[], row: number, line: number, raw: string): StructuralReject {
  const reason = REASONS[reject.errorType] ?? 'line_unreadable';
  const detail: RejectDetail = { engine: `${reject.errorType}: ${reject.message}` };
  const counts = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(reject.message);
  if (counts) {
    detail.expected = Number(counts[1]);
    detail.found = Number(counts[2]);
  }
  // DuckDB numbers columns from 1; a missing column is the one after the last found.
  const column = reject.columnIdx === null ? undefined : headers[reject.columnIdx - 1];
  if (column !== undefined && reason !== 'too_few_fields' && reason !== 'too_many_fields') detail.column = column;
  return { row, line, raw, reason, detail };
}

/** Several errors on one line come as several rows; the first one (by position) is the reason. */
export function firstPerLine(rejects: readonly EngineReject[]): EngineReject[] {
  const byLine = new Map<number, EngineReject>();
  for (const r of [...rejects].sort((a, b) => a.line - b.line || a.byte - b.byte)) if (!byLine.has(r.line)) byLine.set(r.line, r);
  return [...byLine.values()];
}
