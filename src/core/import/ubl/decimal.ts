/**
 * Decimal text without floating point: amounts go to the table as the document wrote them, and
 * totals are checked in exact integer units so 0.1 + 0.2 never "fails" to reconcile.
 */

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

function isZero(text: string): boolean {
  return !/[1-9]/.test(text);
}

/**
 * Canonical text for an xsd:decimal ('.' mark, no '+', no leading zeros), keeping every fraction
 * digit the document wrote; null when the text is not a plain decimal.
 */
export function normalizeDecimal(raw: string | null): string | null {
  if (raw === null) return null;
  const m = DECIMAL.exec(raw.trim());
  if (!m) return null;
  const sign = m[1] ?? '';
  const int = (m[2] ?? '').replace(/^0+(?=\d)/, '');
  const frac = m[3] ?? '';
  if (int === '' && frac === '') return null;
  const body = frac === '' ? (int === '' ? '0' : int) : `${int === '' ? '0' : int}.${frac}`;
  return sign === '-' && !isZero(body) ? `-${body}` : body;
}

/** Flips the sign of a normalized decimal on the text; zero stays unsigned. */
export function negateDecimal(text: string): string {
  if (text.startsWith('-')) return text.slice(1);
  return isZero(text) ? text : `-${text}`;
}

function fractionDigits(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/**
 * The scale that represents all values exactly: at least øre (2 decimals), more when a document
 * writes more (prices with 4 decimals are common, amounts rarely).
 */
export function commonScale(values: readonly string[]): number {
  return values.reduce((scale, v) => Math.max(scale, fractionDigits(v)), 2);
}

/** A normalized decimal as an integer count of 10^-scale units (scale ≥ its fraction digits). */
export function toUnits(text: string, scale: number): bigint {
  const negative = text.startsWith('-');
  const [int = '0', frac = ''] = (negative ? text.slice(1) : text).split('.');
  const units = BigInt(int + frac.padEnd(scale, '0'));
  return negative ? -units : units;
}

export function sumUnits(values: readonly string[], scale: number): bigint {
  return values.reduce((sum, v) => sum + toUnits(v, scale), 0n);
}

/** Danish display for messages: '.' groups thousands, ',' marks decimals, e.g. "-1.234,50". */
export function formatDanish(units: bigint, scale: number): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  // Extra precision is only shown where it carries a digit.
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '').padEnd(Math.min(2, scale), '0');
  return `${negative ? '-' : ''}${int}${frac ? `,${frac}` : ''}`;
}
