/**
 * Canonical text for typed values, shared by the Excel and Parquet readers (see ParsedTable):
 * numbers with '.' as decimal mark, no exponent and no float noise; dates 'YYYY-MM-DD';
 * date-times 'YYYY-MM-DD HH:MM:SS'.
 */

/** A double holds 15 significant decimal digits reliably; more is binary noise. */
const SIGNIFICANT = 15;
const MAX_DECIMALS = 10;

export function canonicalNumber(x: number): string | null {
  if (!Number.isFinite(x)) return null;
  if (Number.isSafeInteger(x)) return String(x === 0 ? 0 : x);
  // Rounding to 15 digits drops the noise and String() then gives the shortest decimal; this
  // native route covers nearly every value, the digit work below only tiny or huge ones.
  const short = String(Number(x.toPrecision(SIGNIFICANT)));
  const dot = short.indexOf('.');
  if (!short.includes('e') && (dot < 0 || short.length - dot - 1 <= MAX_DECIMALS)) return short;
  const exp = x.toExponential(SIGNIFICANT - 1);
  const neg = exp.charCodeAt(0) === 45;
  const e = exp.indexOf('e');
  const digits = exp.slice(neg ? 1 : 0, e).replace('.', '').split('').map(Number);
  // digits[0..pointPos) are the integer part.
  let pointPos = Number(exp.slice(e + 1)) + 1;
  const keep = pointPos + MAX_DECIMALS;
  if (keep < digits.length) {
    if (keep < 0) return '0';
    const roundUp = (digits[keep] ?? 0) >= 5;
    digits.length = keep;
    if (roundUp) {
      let i = keep - 1;
      while (i >= 0 && digits[i] === 9) digits[i--] = 0;
      if (i < 0) {
        digits.unshift(1);
        pointPos++;
      } else {
        digits[i] = (digits[i] ?? 0) + 1;
      }
    }
  }
  const all = digits.join('');
  const intPart = pointPos <= 0 ? '0' : all.slice(0, pointPos).padEnd(pointPos, '0');
  const fracPart = (pointPos < 0 ? '0'.repeat(-pointPos) + all : all.slice(pointPos)).replace(/0+$/, '');
  const text = fracPart ? `${intPart}.${fracPart}` : intPart;
  if (/^[0.]*$/.test(text)) return '0';
  return neg ? `-${text}` : text;
}

/**
 * Canonical text of a number written as decimal text (Excel's `<v>`). Most values are already
 * canonical ("4565.82"), and returning them untouched keeps the hot loop free of float work.
 */
export function canonicalNumberText(text: string): string {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= n || text.charCodeAt(i) === 46) return slowPath(text);
  let significant = 0;
  let decimals = -1;
  let leadingZero = text.charCodeAt(i) === 48;
  if (leadingZero && i + 1 < n && text.charCodeAt(i + 1) !== 46) return slowPath(text);
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (decimals >= 0) return slowPath(text);
      decimals = 0;
      continue;
    }
    if (c < 48 || c > 57) return slowPath(text);
    if (decimals >= 0) decimals++;
    if (c !== 48) leadingZero = false;
    if (!leadingZero) significant++;
  }
  const last = text.charCodeAt(n - 1);
  if (decimals === 0 || decimals > MAX_DECIMALS || significant > SIGNIFICANT) return slowPath(text);
  if (decimals > 0 && last === 48) return slowPath(text);
  if (significant === 0) return '0';
  return text;
}

function slowPath(text: string): string {
  const value = Number(text);
  return Number.isNaN(value) ? text : (canonicalNumber(value) ?? text);
}

const MS_PER_DAY = 86_400_000;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Spend data has few distinct dates per file, so formatting each once saves most Date work. */
const dateCache = new Map<number, string | null>();

/** 'YYYY-MM-DD' for a day count since 1970-01-01; null outside years 1–9999. */
export function dateFromEpochDays(days: number): string | null {
  const cached = dateCache.get(days);
  if (cached !== undefined) return cached;
  const d = new Date(days * MS_PER_DAY);
  const year = d.getUTCFullYear();
  const text =
    Number.isNaN(year) || year < 1 || year > 9999
      ? null
      : `${pad(year, 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
  if (dateCache.size > 100_000) dateCache.clear();
  dateCache.set(days, text);
  return text;
}

/** 'HH:MM:SS' for seconds since midnight. */
export function timeOfDay(seconds: number): string {
  return `${pad(Math.floor(seconds / 3600), 2)}:${pad(Math.floor(seconds / 60) % 60, 2)}:${pad(seconds % 60, 2)}`;
}

/** 'YYYY-MM-DD HH:MM:SS' for whole seconds since the Unix epoch (fractions are dropped). */
export function dateTimeFromEpochSeconds(seconds: number): string | null {
  const whole = Math.floor(seconds);
  const days = Math.floor(whole / 86_400);
  const date = dateFromEpochDays(days);
  return date === null ? null : `${date} ${timeOfDay(whole - days * 86_400)}`;
}

/** Days from the spreadsheet epoch to 1970-01-01. */
const EPOCH_1900 = 25_569;
const EPOCH_1904 = 24_107;

/**
 * A date serial as text: date only when it falls on midnight, otherwise with the time;
 * `timeOnly` formats (h:mm) with no day part render as 'HH:MM:SS'.
 */
export function excelSerialToText(serial: number, date1904: boolean, timeOnly: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  // Serials carry float noise (0.999999 of a second); Excel itself rounds to the second.
  const total = Math.round(serial * 86_400);
  const days = Math.floor(total / 86_400);
  const seconds = total - days * 86_400;
  if (timeOnly && days === 0) return timeOfDay(seconds);
  // The 1900 system counts a 29 February 1900 that never was, so serials before it are off by one.
  const epochDays = date1904 ? days - EPOCH_1904 : days < 60 ? days - EPOCH_1900 + 1 : days - EPOCH_1900;
  const date = dateFromEpochDays(epochDays);
  if (date === null) return null;
  return seconds === 0 ? date : `${date} ${timeOfDay(seconds)}`;
}
