import type { Lang } from '../state/url-state.js';

/**
 * Display formatting through Intl. Danish by default (1.234.567,89 kr., 31.12.2025);
 * amounts are DECIMAL in the database and become numbers only here, for display.
 */
const LOCALE: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(lang: Lang, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${lang}|${JSON.stringify(options)}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.NumberFormat(LOCALE[lang], options)));
  return f;
}

export function formatNumber(value: number, lang: Lang, decimals = 0): string {
  return numberFormat(lang, { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

/** Kroner with øre, e.g. "25.336,58 kr." (da) or "DKK 25,336.58" (en). */
export function formatKr(value: number, lang: Lang, decimals = 2): string {
  return numberFormat(lang, { style: 'currency', currency: 'DKK', minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(value);
}

const COMPACT_UNITS: [number, Record<Lang, string>][] = [
  [1e9, { da: 'mia. kr.', en: 'bn DKK' }],
  [1e6, { da: 'mio. kr.', en: 'm DKK' }],
  [1e3, { da: 't. kr.', en: 'k DKK' }],
];

function compactUnit(value: number): [number, Record<Lang, string>] | undefined {
  return COMPACT_UNITS.find(([size]) => Math.abs(value) >= size);
}

/** Large amounts for KPIs: "1,2 mia. kr.", "845,3 mio. kr." */
export function formatKrCompact(value: number, lang: Lang): string {
  const unit = compactUnit(value);
  return unit ? `${formatNumber(value / unit[0], lang, 1)} ${unit[1][lang]}` : formatKr(value, lang, 0);
}

/** A range with its unit once, in the unit of the high end: "4,0–15,9 mio. kr.", "0,7–2,6 mio. kr." */
export function formatKrRange(low: number, high: number, lang: Lang): string {
  const unit = compactUnit(high);
  // The low end in the high end's unit, as long as it does not round to nothing.
  if (unit && Math.abs(low) >= 0.05 * unit[0]) return `${formatNumber(low / unit[0], lang, 1)}–${formatNumber(high / unit[0], lang, 1)} ${unit[1][lang]}`;
  return `${formatKrCompact(low, lang)}–${formatKrCompact(high, lang)}`;
}

export function formatPercent(share: number, lang: Lang, decimals = 1): string {
  return numberFormat(lang, { style: 'percent', minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(share);
}

/** ISO date 'YYYY-MM-DD' → "31.12.2025" (da) / "31/12/2025" (en). */
export function formatDate(iso: string, lang: Lang): string {
  const key = `d|${lang}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(LOCALE[lang], { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })));
  return f.format(new Date(`${iso}T00:00:00Z`));
}
