import { ImportProblem, type PlanNote } from '../import-problem.js';
import { sniffDelimited, type SniffResult } from '../sniff.js';
import type { ImportSource, Parsers } from '../sources.js';
import { textTools } from './text-io.js';
import type { PrepareOptions } from './text-prepare.js';
import type { TextScan } from './text-scan.js';

/** How a CSV's bytes reach DuckDB: in place, or rewritten first (encoding, line endings). */
export interface CsvTextPlan {
  scan: TextScan;
  /** null: DuckDB reads the file itself (the fast path for clean UTF-8). */
  prepare: PrepareOptions | null;
}

function decodeHead(head: Uint8Array, scan: TextScan): string {
  // The 64 KiB cut may split a character; only the last line of the sample can suffer, and it is not used.
  return new TextDecoder(scan.encoding).decode(head);
}

function textPlan(scan: TextScan): CsvTextPlan {
  const { cr } = scan.endings;
  // Any bare CR (old Mac exports, or mixed in) is rewritten to LF first: DuckDB reads CR-only files,
  // but around a refused line it then reports the wrong line and position (measured in 1.4.3).
  // CRLF beside LF is usually Excel's line break inside a quoted cell, which DuckDB reads as it is
  // (and if not, the importer normalises and reads again).
  const normalise = cr > 0;
  const prepare = scan.encoding !== 'utf-8' || normalise ? { encoding: scan.encoding, normaliseNewlines: normalise } : null;
  return { scan, prepare };
}

function notesFor(scan: TextScan, sniff: SniffResult): PlanNote[] {
  const notes: PlanNote[] = [];
  if (scan.encoding === 'windows-1252') notes.push({ code: 'encoding_windows1252', params: { bytes: scan.invalidUtf8 } });
  if (scan.encoding.startsWith('utf-16')) notes.push({ code: 'encoding_utf16', params: {} });
  if (scan.encoding === 'utf-8' && scan.invalidUtf8 > 0) {
    const lines = [...new Set(scan.badBytes.map((b) => b.line))];
    notes.push({ code: 'bad_bytes', params: { n: scan.invalidUtf8, lines: lines.slice(0, 5).join(', ') } });
  }
  const { crlf, lf, cr } = scan.endings;
  if (cr > 0 && crlf + lf > 0) notes.push({ code: 'mixed_newlines', params: { cr, lf: lf + crlf } });
  if (sniff.skip > 0) notes.push({ code: 'header_below', params: { line: sniff.skip + 1 } });
  if (sniff.nullPadding) notes.push({ code: 'ragged_padded', params: {} });
  return notes;
}

/** Scans the whole file, sniffs its dialect from the start, and says how DuckDB will read it. */
export async function planCsv(source: ImportSource, parsers: Parsers, head: Uint8Array) {
  const scan = await textTools(parsers).scan(await source.handle());
  const text = decodeHead(head, scan);
  if (scan.bytes === 0 || text.trim() === '') throw new ImportProblem('empty_file', source.name);
  const sniff = sniffDelimited(text);
  const blanksBelow = scan.blankLines.filter((l) => l > sniff.skip + 1).length;
  if (scan.lines - (sniff.skip + 1) - blanksBelow <= 0) throw new ImportProblem('header_only', source.name, { line: sniff.skip + 1 });
  return { sniff, text: textPlan(scan), notes: notesFor(scan, sniff) };
}
