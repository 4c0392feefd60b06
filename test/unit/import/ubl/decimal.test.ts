import { describe, expect, it } from 'vitest';
import {
  commonScale,
  formatDanish,
  negateDecimal,
  normalizeDecimal,
  sumUnits,
  toUnits,
} from '../../../../src/core/import/ubl/decimal.js';

describe('decimal text', () => {
  it('normalizes without changing digits', () => {
    expect(['1234.50', '+7', '007.10', '-0.00', '.5', '-12.', ' 3 '].map(normalizeDecimal)).toEqual([
      '1234.50', '7', '7.10', '0.00', '0.5', '-12', '3',
    ]);
    expect(['1,5', '1e3', '', '-', '.', 'abc'].map(normalizeDecimal)).toEqual([null, null, null, null, null, null]);
  });

  it('negates on the text', () => {
    expect(['1234.50', '-0.40', '0.00'].map(negateDecimal)).toEqual(['-1234.50', '0.40', '0.00']);
  });

  it('sums exactly and formats the Danish way', () => {
    const values = ['0.1', '0.2', '-0.3', '1000000.005'];
    const scale = commonScale(values);
    expect(scale).toBe(3);
    expect(toUnits('-12.5', scale)).toBe(-12500n);
    expect(sumUnits(values, scale)).toBe(1000000005n);
    expect(formatDanish(sumUnits(values, scale), scale)).toBe('1.000.000,005');
    expect(formatDanish(-101000n, 2)).toBe('-1.010,00');
    expect(formatDanish(5n, 2)).toBe('0,05');
  });
});
