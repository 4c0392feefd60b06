import type { Lang } from '../state/url-state.js';

/**
 * Numbers in edit fields: shown with the language's grouping ("1.644.638" / "1,644,638") and read
 * back the way people type them ("1.644.638", "1644638", "12,5" and "12.5" in Danish).
 */
const LOCALE: Record<Lang, string> = { da: 'da-DK', en: 'en-GB' };
const formats = new Map<Lang, Intl.NumberFormat>();

export function formatEditable(value: number, lang: Lang): string {
  if (!Number.isFinite(value)) return '';
  let f = formats.get(lang);
  if (!f) formats.set(lang, (f = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 6 })));
  return f.format(value);
}

/** NaN for an empty or unreadable field. */
export function parseEditable(text: string, lang: Lang): number {
  let t = text.trim().replace(/[\s\u00a0\u202f]/g, '').replace(/\u2212/g, '-');
  if (t === '') return Number.NaN;
  const [group, decimal] = lang === 'da' ? ['.', ','] : [',', '.'];
  const grouped = new RegExp(`^-?\\d{1,3}(\\${group}\\d{3})+(\\${decimal}\\d*)?$`);
  if (grouped.test(t)) t = t.split(group).join('');
  t = t.replace(',', '.');
  return /^-?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : Number.NaN;
}
