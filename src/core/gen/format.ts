/**
 * Text forms of numbers for the generated files. Money is carried as integer minor units (øre,
 * or cents for EUR) from the first draw to the last byte, so sums in the manifest are exact and no
 * 0.1 + 0.2 ever reaches a file.
 */

/** 2533658 → "25.336,58" (Danish: '.' thousands, ',' decimals). */
export function formatMinorDanish(minor: number): string {
  const negative = minor < 0;
  const abs = negative ? -minor : minor;
  const whole = Math.floor(abs / 100);
  const cents = abs - whole * 100;
  let wholeText = String(whole);
  if (whole >= 1000) {
    let grouped = '';
    while (wholeText.length > 3) {
      grouped = '.' + wholeText.slice(-3) + grouped;
      wholeText = wholeText.slice(0, -3);
    }
    wholeText += grouped;
  }
  return `${negative ? '-' : ''}${wholeText},${cents < 10 ? '0' : ''}${cents}`;
}

/** 2533658 → "25336.58" (XML and JSON). */
export function formatMinorDot(minor: number): string {
  const negative = minor < 0;
  const abs = negative ? -minor : minor;
  const whole = Math.floor(abs / 100);
  const cents = abs - whole * 100;
  return `${negative ? '-' : ''}${whole}.${cents < 10 ? '0' : ''}${cents}`;
}

/** Quantity in hundredths → "12", "7,5" or "43,27" (no thousands separator, as exports write counts). */
export function formatQtyDanish(hundredths: number): string {
  const negative = hundredths < 0;
  const abs = negative ? -hundredths : hundredths;
  const whole = Math.floor(abs / 100);
  const frac = abs - whole * 100;
  const sign = negative ? '-' : '';
  if (frac === 0) return `${sign}${whole}`;
  const fracText = frac % 10 === 0 ? String(frac / 10) : (frac < 10 ? '0' : '') + String(frac);
  return `${sign}${whole},${fracText}`;
}

/** Quantity in hundredths → "12.00" (XML). */
export function formatQtyDot(hundredths: number): string {
  return formatMinorDot(hundredths);
}

/** Minor units → a plain number in currency units (manifest, XLSX cells). */
export function minorToNumber(minor: number): number {
  return Math.round(minor) / 100;
}

const CSV_SPECIAL = /[;"\r\n]/;

/** Quotes a field only when it must be: it holds the delimiter, a quote or a line break. */
export function csvField(value: string): string {
  return CSV_SPECIAL.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Like csvField, for comma-separated files (truth.csv). */
export function csvFieldComma(value: string): string {
  return /[,"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

const XML_SPECIAL = /[&<>"]/;

export function xmlEscape(value: string): string {
  if (!XML_SPECIAL.test(value)) return value;
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
