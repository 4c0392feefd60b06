import type { DecimalMark } from './parse-sql.js';
import { uniqueHeaders } from './xlsx/table.js';

/**
 * Sniffs a delimited text export from the start of its decoded text: delimiter, quoting, the
 * header line (which is not always the first), width, decimal mark and date format. The encoding
 * is decided beforehand from the whole file (csv/text-scan.ts). Pure and synchronous so the same
 * code runs in the browser, a worker, tests and the command line.
 */
export interface SniffResult {
  delimiter: string;
  /** '"' when the file quotes fields; '' when it never does (a quote is then plain text). */
  quote: '"' | '';
  /** How a quote inside a quoted field is written: doubled ('"') or with a backslash. */
  escape: '"' | '\\';
  /** Lines before the header line. */
  skip: number;
  /** Unique, non-empty column names, as many as the widest common row. */
  headers: string[];
  /** Rows in this file may leave out trailing empty fields (pad them instead of rejecting). */
  nullPadding: boolean;
  /** Up to 20 data rows, split into fields, for the mapping preview. */
  sample: string[][];
  decimal: DecimalMark;
  /** strptime formats in the order to try them. */
  dateFormats: string[];
}

const DELIMITERS = [';', ',', '\t', '|'] as const;

interface SplitOptions {
  quote?: boolean;
  escape?: '"' | '\\';
}

/**
 * Splits text into records with RFC 4180 quoting (delimiters and newlines inside quotes). A quote
 * opens a quoted field only at the start of a field; anywhere else it is text, as exports write it.
 */
export function splitRecords(text: string, delimiter: string, maxRecords = 200, options: SplitOptions = {}): string[][] {
  const useQuotes = options.quote !== false;
  const escape = options.escape ?? '"';
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length && records.length < maxRecords; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === escape && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (useQuotes && c === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (c === delimiter) {
      record.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if ((field !== '' || record.length) && records.length < maxRecords) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/**
 * How the file quotes, from fields that start with a quote: closed before a delimiter or line end
 * (real quoting), or not (stray quotes, which are then text). Backslash escapes are rare but exist.
 */
export function detectQuoting(text: string, delimiter: string): { quote: '"' | ''; escape: '"' | '\\' } {
  let proper = 0;
  let broken = 0;
  let doubled = 0;
  let backslashed = 0;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' && fieldStart) {
      // Find the closing quote of this field on the same logical stretch.
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] === '\\' && text[j + 1] === '"') {
          backslashed++;
          j++;
        } else if (text[j] === '"') {
          if (text[j + 1] === '"') {
            doubled++;
            j++;
          } else break;
        }
      }
      const after = text[j + 1];
      if (j < text.length && (after === undefined || after === delimiter || after === '\r' || after === '\n')) {
        proper++;
        i = j;
        fieldStart = false;
      } else {
        // A broken quote says nothing about the rest of its line: go on from the next line.
        broken++;
        const eol = text.slice(i).search(/[\r\n]/);
        i = eol < 0 ? text.length : i + eol;
        fieldStart = true;
      }
      continue;
    }
    fieldStart = c === delimiter || c === '\r' || c === '\n';
  }
  const escape = backslashed > 0 && doubled === 0 ? '\\' : '"';
  // No quotes in the sample says nothing about the rest of the file: quoting stays on unless the
  // quotes seen are mostly broken.
  return { quote: broken > proper ? '' : '"', escape };
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [v, n] of counts) if (n > bestCount || (n === bestCount && v > best)) [best, bestCount] = [v, n];
  return best;
}

/**
 * The delimiter that splits most lines into the same number (> 1) of fields. A comma that mostly
 * sits inside numbers ("1.234,50") is a decimal comma, not the delimiter.
 */
export function detectDelimiter(text: string): string {
  let best: { d: string; score: number } = { d: ';', score: -1 };
  for (const d of DELIMITERS) {
    if (d === ',' && isDecimalComma(text)) continue;
    const widths = splitRecords(text, d, 60).map((r) => r.length);
    const width = mode(widths);
    if (width < 2) continue;
    const consistent = widths.filter((w) => w === width).length;
    const score = consistent * 1000 + width;
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

function isDecimalComma(text: string): boolean {
  const sample = text.slice(0, 16_384);
  const commas = sample.split(',').length - 1;
  const inNumbers = (sample.match(/\d,\d{2}(?!\d)/g) ?? []).length;
  const otherDelimiters = /[;\t|]/.test(sample);
  return commas > 0 && otherDelimiters && inNumbers >= commas * 0.5;
}

const NUMERIC = /^[\s\-+(]*[\d.,\s']+[)-]?\s*(kr\.?)?$/i;

/** The header is the first line as wide as the data whose fields are mostly text. */
export function detectHeader(records: string[][]): number {
  const width = mode(records.map((r) => r.length));
  for (let i = 0; i < Math.min(records.length, 30); i++) {
    const r = records[i]!;
    if (r.length !== width) continue;
    const filled = r.filter((f) => f.trim() !== '');
    const texty = filled.filter((f) => !NUMERIC.test(f.trim()) && !/^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}/.test(f.trim()));
    if (filled.length >= Math.ceil(width * 0.6) && texty.length >= Math.ceil(filled.length * 0.8)) return i;
  }
  return 0;
}

/**
 * Decimal comma or point, from the values that look like numbers. Two decimals (øre, pence) or
 * thousands groups mark an amount and weigh more than a code like "2.9" (an account art).
 */
export function detectDecimal(values: string[], delimiter: string): DecimalMark {
  let comma = 0;
  let point = 0;
  for (const raw of values) {
    const v = raw.trim();
    const weight = /[.,]\d{2}\)?-?$/.test(v) ? 3 : 1;
    if (/^-?\(?[\d.\s']*\d,\d{1,4}\)?-?$/.test(v) && !/,\d{3}$/.test(v)) comma += weight;
    else if (/^-?\(?[\d,\s']*\d\.\d{1,4}\)?-?$/.test(v) && !/\.\d{3}$/.test(v)) point += weight;
    else if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(v)) comma += 3;
    else if (/^-?\d{1,3}(,\d{3})+\.\d+$/.test(v)) point += 3;
  }
  if (comma === point) return delimiter === ',' ? '.' : ',';
  return comma > point ? ',' : '.';
}

const MONTHS = /^(\d{1,2})-(jan|feb|mar|apr|may|maj|jun|jul|aug|sep|oct|okt|nov|dec)-(\d{2,4})$/i;

/** Date formats that fit the sample, best first; day-first unless a value proves month-first. */
export function detectDateFormats(values: string[]): string[] {
  const formats = new Set<string>();
  let monthFirst = false;
  let dayFirst = false;
  for (const raw of values) {
    const v = raw.trim();
    let m: RegExpExecArray | null;
    if (/^\d{4}-\d{2}-\d{2}/.test(v)) formats.add(v.length > 10 ? '%Y-%m-%d %H:%M:%S' : '%Y-%m-%d');
    else if (/^\d{1,2}-\d{1,2}-\d{4}$/.test(v)) formats.add('%d-%m-%Y');
    else if (/^\d{1,2}\.\d{1,2}\.\d{4}$/.test(v)) formats.add('%d.%m.%Y');
    else if (/^\d{1,2}\.\d{1,2}\.\d{2}$/.test(v)) formats.add('%d.%m.%y');
    else if (MONTHS.test(v)) formats.add(v.length > 9 ? '%d-%b-%Y' : '%d-%b-%y');
    else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(\s+\d{1,2}:\d{2}(:\d{2})?)?$/.exec(v))) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (a > 12) dayFirst = true;
      if (b > 12) monthFirst = true;
      formats.add(m[4] ? (m[5] ? 'slash-time-s' : 'slash-time') : 'slash');
    }
  }
  const out: string[] = [];
  for (const f of formats) {
    if (!f.startsWith('slash')) out.push(f);
    else {
      const time = f === 'slash-time-s' ? ' %H:%M:%S' : f === 'slash-time' ? ' %H:%M' : '';
      const order = monthFirst && !dayFirst ? ['%m/%d/%Y', '%d/%m/%Y'] : ['%d/%m/%Y', '%m/%d/%Y'];
      out.push(...order.map((o) => o + time));
    }
  }
  return out.length ? out : ['%d-%m-%Y', '%d.%m.%Y', '%Y-%m-%d'];
}

/** The width of most data rows, and whether rows narrower than the header are common. */
function dataWidth(records: string[][], headerWidth: number): { width: number; nullPadding: boolean } {
  const widths = records.map((r) => r.length);
  // The header's width, unless most rows are wider (a delimiter at the end of every data line);
  // a damaged row in a small sample must not widen the table.
  const fits = widths.filter((w) => w === headerWidth).length;
  const width = fits >= widths.length / 2 || widths.length === 0 ? headerWidth : Math.max(headerWidth, mode(widths));
  const short = widths.filter((w) => w < width).length;
  // A single short totals or note line is rejected; an export that always leaves out trailing empty fields is padded.
  return { width, nullPadding: short >= 3 && short > widths.length * 0.2 };
}

/** Sniffs a delimited file from the start of its text (64 KiB is plenty). */
export function sniffDelimited(text: string): SniffResult {
  const body = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(body);
  const { quote, escape } = detectQuoting(body, delimiter);
  const records = splitRecords(body, delimiter, 200, { quote: quote === '"', escape });
  const skip = detectHeader(records);
  const header = (records[skip] ?? []).map((h) => h.trim());
  // The last record may be cut off by the sample boundary.
  const data = records.slice(skip + 1, records.length > skip + 2 ? -1 : undefined).filter((r) => r.length > 1 || r[0] !== '');
  const { width, nullPadding } = dataWidth(data, header.length);
  while (header.length < width) header.push('');
  const values = data.flat();
  return {
    delimiter,
    quote,
    escape,
    skip,
    headers: uniqueHeaders(header),
    nullPadding,
    sample: data.slice(0, 20),
    decimal: detectDecimal(values, delimiter),
    dateFormats: detectDateFormats(values),
  };
}
