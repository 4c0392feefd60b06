import { describe, expect, it } from 'vitest';
import { formatDate, formatKr, formatKrCompact, formatKrRange, formatNumber, formatPercent } from '../../../src/core/format/format.js';

// Intl may use a narrow no-break space; normalise for comparison.
const n = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('da-DK and English formatting', () => {
  it('formats Danish numbers, kroner and dates', () => {
    expect(n(formatNumber(1234567.891, 'da', 2))).toBe('1.234.567,89');
    expect(n(formatKr(25336.58, 'da'))).toBe('25.336,58 kr.');
    expect(n(formatKr(-0.01, 'da'))).toBe('-0,01 kr.');
    expect(formatDate('2025-12-31', 'da')).toBe('31.12.2025');
    expect(n(formatPercent(0.953, 'da'))).toBe('95,3 %');
    expect(n(formatKrCompact(1_234_000_000, 'da'))).toBe('1,2 mia. kr.');
    expect(n(formatKrCompact(845_300_000, 'da'))).toBe('845,3 mio. kr.');
  });

  it('formats English', () => {
    expect(formatNumber(1234567.891, 'en', 2)).toBe('1,234,567.89');
    expect(formatDate('2025-12-31', 'en')).toBe('31/12/2025');
    expect(n(formatKrCompact(1_234_000_000, 'en'))).toBe('1.2 bn DKK');
  });

  it('writes a range with its unit once, in the unit of the high end', () => {
    expect(n(formatKrRange(3_987_000, 15_949_000, 'da'))).toBe('4,0–15,9 mio. kr.');
    expect(n(formatKrRange(657_800, 2_600_000, 'da'))).toBe('0,7–2,6 mio. kr.');
    expect(n(formatKrRange(18_300, 2_600_000, 'da'))).toBe('18,3 t. kr.–2,6 mio. kr.');
    expect(n(formatKrRange(3_987_000, 15_949_000, 'en'))).toBe('4.0–15.9 m DKK');
  });
});
