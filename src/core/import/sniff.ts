import type { DecimalMark } from './parse-sql.js';

/**
 * Sniffs a delimited text export from its first bytes: encoding, delimiter, the header line
 * (which is not always the first), decimal mark and date format. Pure and synchronous so the
 * same code runs in the browser, a worker, tests and the command line.
 */
export type TextEncoding = 'utf-8' | 'windows-1252';

export interface SniffResult {
  encoding: TextEncoding;
  bom: boolean;
  delimiter: string;
  /** Lines before the header line. */
  skip: number;
  headers: string[];
  /** Up to 20 data rows, split into fields, for the mapping preview. */
  sample: string[][];
  decimal: DecimalMark;
  /** strptime formats in the order to try them. */
  dateFormats: string[];
}

const DELIMITERS = [';', ',', '\t', '|'] as const;

export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; bom: boolean } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  // A multi-byte character may be cut at the end of the sample; ignore the last 3 bytes.
  const body = bytes.subarray(0, Math.max(0, bytes.length - 3));
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'windows-1252', bom: false };
  }
}

/** Splits text into records with RFC 4180 quoting (delimiters and newlines inside quotes). */
export function splitRecords(text: string, delimiter: string, maxRecords = 200): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length && records.length < maxRecords; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field.trim() === '') {
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

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = 0;
  let bestCount = 0;
  for (const [v, n] of counts) if (n > bestCount || (n === bestCount && v > best)) [best, bestCount] = [v, n];
  return best;
}

/** The delimiter that splits most lines into the same number (> 1) of fields. */
export function detectDelimiter(text: string): string {
  let best: { d: string; score: number } = { d: ';', score: -1 };
  for (const d of DELIMITERS) {
    const widths = splitRecords(text, d, 60).map((r) => r.length);
    const width = mode(widths);
    if (width < 2) continue;
    const consistent = widths.filter((w) => w === width).length;
    const score = consistent * 1000 + width;
    if (score > best.score) best = { d, score };
  }
  return best.d;
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

export function detectDecimal(values: string[], delimiter: string): DecimalMark {
  let comma = 0;
  let point = 0;
  for (const raw of values) {
    const v = raw.trim();
    if (/^-?\(?[\d.\s']*\d,\d{1,4}\)?-?$/.test(v) && !/,\d{3}$/.test(v)) comma++;
    else if (/^-?\(?[\d,\s']*\d\.\d{1,4}\)?-?$/.test(v) && !/\.\d{3}$/.test(v)) point++;
    else if (/^-?\d{1,3}(\.\d{3})+,\d+$/.test(v)) comma++;
    else if (/^-?\d{1,3}(,\d{3})+\.\d+$/.test(v)) point++;
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

export function decodeSample(bytes: Uint8Array, encoding: TextEncoding): string {
  return new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, '');
}

/** Sniffs a delimited file from its first bytes (64 KiB is plenty). */
export function sniffDelimited(bytes: Uint8Array): SniffResult {
  const { encoding, bom } = detectEncoding(bytes);
  const text = decodeSample(bytes, encoding);
  const delimiter = detectDelimiter(text);
  const records = splitRecords(text, delimiter, 200);
  const skip = detectHeader(records);
  const headers = (records[skip] ?? []).map((h) => h.trim());
  // The last record may be cut off by the sample boundary.
  const data = records.slice(skip + 1, records.length > skip + 2 ? -1 : undefined);
  const values = data.flat();
  return {
    encoding,
    bom,
    delimiter,
    skip,
    headers,
    sample: data.slice(0, 20),
    decimal: detectDecimal(values, delimiter),
    dateFormats: detectDateFormats(values),
  };
}
