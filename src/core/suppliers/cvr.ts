/** CVR numbers: 8 digits, Σ digit × (2,7,6,5,4,3,2,1) ≡ 0 (mod 11), often written "DK12345678". */
const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

/** Strips a DK prefix, spaces and dashes; returns the 8 digits or null. */
export function cleanCvr(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const text = raw.toUpperCase().replace(/^DK/, '').replace(/[\s.-]/g, '');
  return /^\d{8}$/.test(text) ? text : null;
}

export function isValidCvr(raw: string | null | undefined): boolean {
  const cvr = cleanCvr(raw);
  if (!cvr || cvr[0] === '0') return false;
  const sum = WEIGHTS.reduce((acc, w, i) => acc + w * Number(cvr[i]), 0);
  return sum % 11 === 0;
}

/** The same rules as SQL over trimmed text (import/parse-sql.ts textSql; used at import on millions of rows). */
export function cleanCvrSql(column: string): string {
  const t = column;
  // Most cells are already 8 plain digits or "DK" and 8 digits; only the rest pay for the replacements.
  return `CASE WHEN strlen(${t}) = 8 AND TRY_CAST(${t} AS INTEGER) >= 0 THEN ${t}
               WHEN strlen(${t}) = 10 AND regexp_full_match(${t}, '(?i)dk[0-9]{8}') THEN substr(${t}, 3)
               ELSE nullif(regexp_replace(regexp_replace(upper(${t}), '^DK', ''), '[\\s.-]', '', 'g'), '') END`;
}

export function validCvrSql(cleaned: string): string {
  const terms = WEIGHTS.map((w, i) => `${w} * TRY_CAST(substr(${cleaned}, ${i + 1}, 1) AS INTEGER)`).join(' + ');
  return `(regexp_full_match(coalesce(${cleaned}, ''), '[1-9][0-9]{7}') AND (${terms}) % 11 = 0)`;
}
