import { describe, expect, it } from 'vitest';
import { formatEditable, parseEditable } from '../../../src/core/format/editable.js';

describe('numbers in edit fields', () => {
  it('shows grouping by language and reads back what it shows', () => {
    expect(formatEditable(1_644_638, 'da')).toBe('1.644.638');
    expect(formatEditable(1_644_638, 'en')).toBe('1,644,638');
    expect(formatEditable(0.15 * 100, 'da')).toBe('15');
    expect(formatEditable(12.5, 'da')).toBe('12,5');
    for (const v of [0, 15, 12.5, 250, 50_000, 1_644_638, 41_200_000, 0.333333]) {
      expect(parseEditable(formatEditable(v, 'da'), 'da')).toBe(v);
      expect(parseEditable(formatEditable(v, 'en'), 'en')).toBe(v);
    }
  });

  it('reads what people type', () => {
    expect(parseEditable('1644638', 'da')).toBe(1_644_638);
    expect(parseEditable(' 1 644 638 ', 'da')).toBe(1_644_638);
    expect(parseEditable('12,5', 'da')).toBe(12.5);
    expect(parseEditable('12.5', 'da')).toBe(12.5);
    expect(parseEditable('1.000', 'da')).toBe(1000);
    expect(parseEditable('1,000', 'en')).toBe(1000);
    expect(parseEditable('-5', 'da')).toBe(-5);
    expect(parseEditable('', 'da')).toBeNaN();
    expect(parseEditable('abc', 'da')).toBeNaN();
    expect(parseEditable('1.2.3', 'da')).toBeNaN();
  });
});
