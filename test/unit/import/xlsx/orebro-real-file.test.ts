import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { listSheets, readSheet, readSheetAsync } from '../../../../src/core/import/xlsx/index.js';
import { scanSheet, SheetScanner } from '../../../../src/core/import/xlsx/sheet-scanner.js';
import { fixtureBytes } from '../../../support/fixtures.js';

/**
 * Örebro kommun's supplier invoices for March 2016 (public open data): 68,021 invoice lines,
 * headers RN1/FÖRVALTNING, LEVERANTÖR, ORGANISATIO (org. number, often the text "NULL"),
 * FAKT NR, KONTO, UTFALL (the amount, stored by Excel with float noise such as
 * 1299.1199999999999 and 7.0000000000000007E-2). No date column.
 */

/** Exact decimal text (with optional exponent) → hundredths, rounded half away from zero. */
function toOre(text: string): bigint {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`not a number: ${text}`);
  const [, sign, int = '', frac = '', exp = '0'] = m;
  // value = digits × 10^(exponent − frac length); bring it to 10^-2 with one extra digit to round.
  const digits = BigInt(`${int}${frac}` || '0');
  const shift = Number(exp) - frac.length + 3;
  const milli = shift >= 0 ? digits * 10n ** BigInt(shift) : digits / 10n ** BigInt(-shift);
  const ore = (milli + 5n) / 10n;
  return sign === '-' ? -ore : ore;
}

describe('real file: Örebro supplier invoices (.xlsx)', () => {
  const bytes = fixtureBytes('real/se_orebro_supplier_invoices_2016-03.xlsx');

  it('reads every row, and the amounts add up to the öre', () => {
    // (Speed is measured by `npm run bench`, not here.)
    const table = readSheet(bytes);

    // Independent oracle straight from the sheet XML.
    const xml = strFromU8(unzipSync(bytes, { filter: (f) => f.name === 'xl/worksheets/sheet1.xml' })['xl/worksheets/sheet1.xml'] as Uint8Array);
    const rowElements = xml.split('<row ').length - 1;
    expect(rowElements - 1).toBe(68_021);
    let oracleOre = 0n;
    let oracleCount = 0;
    for (const m of xml.matchAll(/<c r="F(\d+)"([^>]*)>(?:<f>[^<]*<\/f>)?<v>([^<]*)<\/v><\/c>/g)) {
      if (m[1] === '1' || m[2]?.includes('t="')) continue;
      oracleOre += toOre(m[3] ?? '');
      oracleCount++;
    }

    expect(table.rowCount).toBe(68_021);
    expect(table.headers).toEqual(['RN1/FÖRVALTNING', 'LEVERANTÖR', 'ORGANISATIO', 'FAKT NR', 'KONTO', 'UTFALL']);
    expect(table.warnings).toEqual([]);
    expect(table.columns.every((c) => c.length === 68_021)).toBe(true);

    const amounts = table.columns[5] ?? [];
    let parsedOre = 0n;
    let parsedCount = 0;
    for (const text of amounts) {
      if (text === null) continue;
      // Canonical: '.' decimal, at most the two decimals the ledger has, no exponent or noise.
      expect(text).toMatch(/^-?\d+(\.\d{1,2})?$/);
      const [int, frac = ''] = text.replace('-', '').split('.');
      const ore = BigInt(int ?? '0') * 100n + BigInt(frac.padEnd(2, '0'));
      parsedOre += text.startsWith('-') ? -ore : ore;
      parsedCount++;
    }
    expect(oracleCount).toBe(68_021);
    expect(parsedCount).toBe(oracleCount);
    expect(parsedOre).toBe(oracleOre);

    // Org numbers stay text, "NULL" included; invoice numbers are whole numbers.
    const org = table.columns[2] ?? [];
    expect(org[0]).toBe('232100-0164');
    expect(org.filter((x) => x === 'NULL').length).toBeGreaterThan(0);
    expect((table.columns[3] ?? []).every((x) => x === null || /^\d+$/.test(x))).toBe(true);
  });

  it('lists its one sheet with the row count from the dimension', () => {
    expect(listSheets(bytes)).toEqual([{ name: 'Blad2', index: 0, rows: 68_022 }]);
  });

  it('read in pieces of any size, with the platform\'s inflater or fflate, the sheet is the same', async () => {
    const whole = readSheet(bytes);
    expect(await readSheetAsync(bytes)).toEqual(whole);
    // The scanner alone, fed the XML in uneven pieces and scanning every ~50,000 characters.
    const xml = strFromU8(unzipSync(bytes, { filter: (f) => f.name === 'xl/worksheets/sheet1.xml' })['xl/worksheets/sheet1.xml'] as Uint8Array);
    const ctx = { sharedStrings: [], dateKinds: [], date1904: false };
    const one = scanSheet(xml, ctx);
    const inPieces = (text: string) => {
      const scanner = new SheetScanner(ctx, 50_000);
      let seed = 7;
      for (let at = 0; at < text.length; ) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        const size = 1 + (seed % 20_000);
        scanner.push(text.slice(at, at + size));
        at += size;
      }
      return scanner.finish();
    };
    expect(inPieces(xml)).toEqual(one);
    expect(one.rowCount).toBe(68_022);
    // Elements with a prefix (`<x:row>`, as the .NET OpenXML SDK writes them): the same cells.
    const prefixed = xml.replace(/<(\/?)([A-Za-z])/g, '<$1x:$2');
    expect(prefixed).toContain('</x:row>');
    expect(inPieces(prefixed)).toEqual(one);
  });
});
