import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, neutraliseFormula } from '../../../src/core/export/csv.js';

describe('CSV for spreadsheets', () => {
  it('makes text that would start a formula inert, and leaves other text alone', () => {
    for (const t of ['=HYPERLINK("http://x","y")', '+45 1234', '-2+3', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseFormula(t)).toBe(`'${t}`);
    for (const t of ['Kontorartikler', 'a=b', '', ' =x']) expect(neutraliseFormula(t)).toBe(t);
  });

  it('writes numbers as numbers (negative too), with a decimal comma in the Danish dialect', () => {
    expect(csvCell(-500)).toBe('-500');
    expect(csvCell(1234.5)).toBe('1234,5');
    expect(csvCell(1234.5, { delimiter: ',' })).toBe('1234.5');
    expect(csvCell(1e21)).toBe('1000000000000000000000');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(12n)).toBe('12');
  });

  it('quotes fields with the delimiter, quotes, line breaks or edge spaces', () => {
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('a,b')).toBe('a,b');
    expect(csvCell('a,b', { delimiter: ',' })).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded ')).toBe('" padded "');
    expect(csvCell('=1;2')).toBe(`"'=1;2"`);
  });

  it('writes a document with BOM and CRLF', () => {
    expect(csvDocument(['Navn', 'Beløb'], [['=x', -1.5], [null, 2]])).toBe("\uFEFFNavn;Beløb\r\n'=x;-1,5\r\n;2\r\n");
    expect(csvDocument(['a'], [], { bom: false })).toBe('a\r\n');
  });
});
