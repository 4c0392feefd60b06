/**
 * CSV for people who open it in Excel: every download (rejected rows, lines, table exports) goes
 * through here. Danish conventions by default (`;`, decimal comma, UTF-8 with BOM, CRLF).
 *
 * Text that a spreadsheet would run as a formula (starting with = + - @, tab or CR: "CSV
 * injection") is written with a leading apostrophe, so a supplier named `=HYPERLINK(...)` stays
 * text. Numbers are written as numbers and never altered, so a credit note's -500 stays -500.
 */
export type CsvValue = string | number | bigint | boolean | null | undefined;

export interface CsvOptions {
  /** Default `;` (Danish Excel); `,` for English. */
  delimiter?: ';' | ',' | '\t';
  /** Default true with `;`: 1234,5 instead of 1234.5. */
  decimalComma?: boolean;
  /** Default true: a UTF-8 byte order mark, so Excel reads æøå. */
  bom?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that would start a spreadsheet formula, made inert with a leading apostrophe. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function numberText(value: number | bigint, decimalComma: boolean): string {
  if (typeof value === 'bigint') return value.toString();
  if (!Number.isFinite(value)) return '';
  // No exponent: 1e21 and 1e-7 are written out as a spreadsheet reads them.
  let text = String(value);
  if (/e/i.test(text)) text = Math.abs(value) >= 1 ? BigInt(Math.round(value)).toString() : value.toFixed(12).replace(/\.?0+$/, '');
  return decimalComma ? text.replace('.', ',') : text;
}

/** One field, quoted when it holds the delimiter, a quote or a line break. */
export function csvCell(value: CsvValue, options: CsvOptions = {}): string {
  const delimiter = options.delimiter ?? ';';
  const decimalComma = options.decimalComma ?? delimiter === ';';
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint') return numberText(value, decimalComma);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutraliseFormula(value);
  return text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A whole CSV document: header, rows, CRLF line ends, BOM first (unless switched off). */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>, options: CsvOptions = {}): string {
  const line = (cells: readonly CsvValue[]) => cells.map((c) => csvCell(c, options)).join(options.delimiter ?? ';');
  const out = [line(header)];
  for (const row of rows) out.push(line(row));
  return `${options.bom === false ? '' : '\uFEFF'}${out.join('\r\n')}\r\n`;
}
