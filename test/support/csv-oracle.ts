import { readFileSync } from 'node:fs';
import { splitRecords } from '../../src/core/import/sniff.js';

/** Decimal text → integer øre/pence/cents, exactly (no floating point). */
export function toMinorUnits(text: string, decimal: ',' | '.'): bigint | null {
  let t = text.trim().replace(/\s/g, '');
  if (decimal === ',') t = t.replace(/\./g, '').replace(',', '.');
  else t = t.replace(/,/g, '');
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const value = BigInt(m[2]!) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -value : value;
}

/** An independent reading of a CSV for tests: record count and exact sum of one column. */
export function csvOracle(path: string, delimiter: string, amountColumn: string, decimal: ',' | '.') {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const records = splitRecords(text, delimiter, Number.MAX_SAFE_INTEGER).filter((r) => r.some((f) => f.trim() !== ''));
  const [header, ...rows] = records;
  const index = header!.findIndex((h) => h.trim() === amountColumn);
  let sum = 0n;
  let parsable = 0;
  for (const r of rows) {
    const v = toMinorUnits(r[index] ?? '', decimal);
    if (v !== null) {
      sum += v;
      parsable++;
    }
  }
  return { rows: rows.length, parsable, sumMinor: sum };
}
