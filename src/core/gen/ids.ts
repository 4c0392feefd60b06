import type { Random } from './prng.js';

/**
 * Danish identifiers with their real check rules, so the app's validation is tested against
 * numbers that behave like the real ones (and the planted invalid ones fail for the real reason).
 */

const CVR_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

/** CVR modulus 11 (Erhvervsstyrelsen): Σ digit × (2,7,6,5,4,3,2,1) ≡ 0 (mod 11), first digit not 0. */
export function isValidCvr(text: string): boolean {
  if (!/^[1-9][0-9]{7}$/.test(text)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (text.charCodeAt(i) - 48) * CVR_WEIGHTS[i]!;
  return sum % 11 === 0;
}

/** Strips what invoices add around a CVR ("DK" prefix, spaces) and validates the rest. */
export function normalizeCvr(text: string): string | null {
  const digits = text.toUpperCase().replace(/^DK/, '').replace(/\s+/g, '');
  return isValidCvr(digits) ? digits : null;
}

/** A random valid CVR not in `used`. */
export function makeCvr(rng: Random, used: Set<string>): string {
  for (;;) {
    const digits = [rng.int(1, 9)];
    for (let i = 1; i < 7; i++) digits.push(rng.int(0, 9));
    let sum = 0;
    for (let i = 0; i < 7; i++) sum += digits[i]! * CVR_WEIGHTS[i]!;
    const check = (11 - (sum % 11)) % 11;
    // A remainder that needs a check digit of 10 has no valid completion: draw again.
    if (check === 10) continue;
    const cvr = digits.join('') + String(check);
    if (!used.has(cvr)) {
      used.add(cvr);
      return cvr;
    }
  }
}

/**
 * A typo in a CVR: one digit changed, or two unequal neighbours swapped. Both always break the
 * modulus-11 check (11 is prime and no weight difference is a multiple of 11), so the planted
 * invalid numbers are exactly those a validator must reject.
 */
export function corruptCvr(rng: Random, cvr: string): string {
  const d = cvr.split('');
  if (rng.chance(0.5)) {
    for (let tries = 0; tries < 20; tries++) {
      const i = rng.int(0, 6);
      if (d[i] !== d[i + 1] && !(i === 0 && d[1] === '0')) {
        const t = d[i]!;
        d[i] = d[i + 1]!;
        d[i + 1] = t;
        return d.join('');
      }
    }
  }
  const i = rng.int(1, 7);
  const old = Number(d[i]);
  d[i] = String((old + rng.int(1, 9)) % 10);
  return d.join('');
}

/** GS1 check digit for a 12-digit body: weights 3,1,3,... from the right. */
export function gs1CheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const digit = body.charCodeAt(body.length - 1 - i) - 48;
    sum += digit * (i % 2 === 0 ? 3 : 1);
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGln(text: string): boolean {
  return /^[0-9]{13}$/.test(text) && gs1CheckDigit(text.slice(0, 12)) === Number(text[12]);
}

/** A 13-digit location number in the Danish public range (5798...), or under another 7-digit prefix. */
export function makeGln(rng: Random, used: Set<string>, prefix = '5798000'): string {
  for (;;) {
    let body = prefix;
    for (let i = 0; i < 5; i++) body += String(rng.int(0, 9));
    const gln = body + String(gs1CheckDigit(body));
    if (!used.has(gln)) {
      used.add(gln);
      return gln;
    }
  }
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** A CPR-shaped number ddmmyy-xxxx with a real calendar date (no modulus 11 since 2007). */
export function makeCpr(rng: Random): string {
  const month = rng.int(1, 12);
  const day = rng.int(1, DAYS_IN_MONTH[month - 1]! - (month === 2 ? 1 : 0));
  const year = rng.int(0, 99);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(day)}${pad(month)}${pad(year)}-${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

/** Matches the CPR numbers the generator writes into texts (and nothing else it writes). */
export const CPR_PATTERN = /\b\d{6}-\d{4}\b/g;
