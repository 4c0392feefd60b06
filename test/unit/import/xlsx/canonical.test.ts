import { describe, expect, it } from 'vitest';
import {
  canonicalNumber,
  canonicalNumberText,
  dateTimeFromEpochSeconds,
  excelSerialToText,
} from '../../../../src/core/import/xlsx/canonical.js';
import { classifyFormat, DATE, NOT_DATE, TIME_ONLY } from '../../../../src/core/import/xlsx/workbook.js';

describe('canonical numbers', () => {
  it.each([
    [0.1 + 0.2, '0.3'],
    [1234.5, '1234.5'],
    [-0, '0'],
    [1e21, '1000000000000000000000'],
    [5e-11, '0.0000000001'],
    [4e-11, '0'],
    [1e-7, '0.0000001'],
    [123456789.30000001, '123456789.3'],
    [1299.1199999999999, '1299.12'],
    [-7.0000000000000007e-2, '-0.07'],
    [99999.99999999999, '100000'],
    [9007199254740991, '9007199254740991'],
    [Number.NaN, null],
    [Number.POSITIVE_INFINITY, null],
  ])('%s → %s', (value, text) => {
    expect(canonicalNumber(value)).toBe(text);
  });

  it.each([
    ['9632', '9632'],
    ['4565.82', '4565.82'],
    ['1299.1199999999999', '1299.12'],
    ['7.0000000000000007E-2', '0.07'],
    ['-0', '0'],
    ['.5', '0.5'],
    ['0.050', '0.05'],
    ['00012', '12'],
    ['1E3', '1000'],
    ['-12.5', '-12.5'],
  ])('Excel text %s → %s', (raw, text) => {
    expect(canonicalNumberText(raw)).toBe(text);
  });
});

describe('dates', () => {
  it('converts serials in both date systems, with time only when there is one', () => {
    expect(excelSerialToText(1, false, false)).toBe('1900-01-01');
    expect(excelSerialToText(59, false, false)).toBe('1900-02-28');
    expect(excelSerialToText(61, false, false)).toBe('1900-03-01');
    expect(excelSerialToText(45000, false, false)).toBe('2023-03-15');
    expect(excelSerialToText(45000.5, false, false)).toBe('2023-03-15 12:00:00');
    // Float noise just under midnight is the next day, as Excel shows it.
    expect(excelSerialToText(45000.999999999, false, false)).toBe('2023-03-16');
    expect(excelSerialToText(0, true, false)).toBe('1904-01-01');
    expect(excelSerialToText(43538, true, false)).toBe('2023-03-15');
    expect(excelSerialToText(0.25, false, true)).toBe('06:00:00');
    expect(excelSerialToText(-1, false, false)).toBeNull();
    expect(dateTimeFromEpochSeconds(-0.5)).toBe('1969-12-31 23:59:59');
  });

  it('classifies number formats by their tokens outside literals', () => {
    expect(classifyFormat('dd-mm-yyyy')).toBe(DATE);
    expect(classifyFormat('[$-406]d. mmmm yyyy;@')).toBe(DATE);
    expect(classifyFormat('yyyy-mm-dd hh:mm:ss')).toBe(DATE);
    expect(classifyFormat('mmm')).toBe(DATE);
    expect(classifyFormat('hh:mm')).toBe(TIME_ONLY);
    expect(classifyFormat('[h]:mm:ss')).toBe(TIME_ONLY);
    expect(classifyFormat('General')).toBe(NOT_DATE);
    expect(classifyFormat('#,##0.00 "kr."')).toBe(NOT_DATE);
    expect(classifyFormat('0.00 "dage"')).toBe(NOT_DATE);
    expect(classifyFormat('[Red]-#,##0.00')).toBe(NOT_DATE);
    expect(classifyFormat('_-* #,##0.00\\ "kr."_-;\\-* #,##0.00\\ "kr."_-')).toBe(NOT_DATE);
    expect(classifyFormat('0.00E+00')).toBe(NOT_DATE);
  });
});
