import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { hasCprSql, maskCprSql, textSql } from '../../../src/core/import/parse-sql.js';
import { literal } from '../../../src/core/sql/escape.js';
import { cleanCvr, cleanCvrSql } from '../../../src/core/suppliers/cvr.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';

/**
 * The import's text parsers skip work for the cells that need none (parse-sql.ts). These check that
 * the shortcuts give exactly what the plain expressions give, in DuckDB, on the cells that are
 * hardest for them: every Unicode space at either end, non-ASCII first and last letters, controls.
 */
const SEED = Number(process.env.FC_SEED ?? 7_122026);

/** Every character of Unicode category Zs, the ones DuckDB's trim() removes. */
const SPACES = [0x20, 0xa0, 0x1680, ...Array.from({ length: 11 }, (_, i) => 0x2000 + i), 0x202f, 0x205f, 0x3000].map((c) => String.fromCodePoint(c));
const OTHERS = ['a', 'Z', '0', '9', '!', '~', 'æ', 'Ø', 'å', 'é', '€', '中', '\t', '\n', '\u0085', '\u200b', '-', ',', '.', '"', "'"];

let db: DbConnector;

beforeAll(async () => {
  db = await openNodeWasmDb();
});

afterAll(async () => {
  await db.close();
});

async function column(values: readonly (string | null)[], select: (c: string) => string): Promise<(string | null)[]> {
  const rows = values.map((v, i) => `(${i}, ${v === null ? 'NULL' : literal(v)})`).join(', ');
  const out = await queryRows(db, `SELECT ${select('v')} AS r FROM (VALUES ${rows}) t(i, v) ORDER BY i`);
  return out.map((r) => (r.r === null ? null : String(r.r)));
}

describe('textSql', () => {
  it('is nullif(trim(x), \'\') for every kind of cell end', async () => {
    const char = fc.constantFrom(...SPACES, ...OTHERS);
    const cell = fc.array(char, { maxLength: 6 }).map((cs) => cs.join(''));
    const fixed = ['', ' ', '  ', 'abc', ' abc', 'abc ', 'Ørsted', 'Ørsted ', 'ørsted\u00a0', '\u3000x\u3000', 'x\u2009', 'æ\u202f', '\u00a0', '!', ' !', 'x\t', '\tx'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(cell, { nil: null }), { minLength: 1, maxLength: 200 }), async (cells) => {
        const all = [...fixed, ...cells];
        expect(await column(all, textSql)).toEqual(await column(all, (c) => `nullif(trim(${c}), '')`));
      }),
      { seed: SEED, numRuns: 25 },
    );
  });
});

describe('cleanCvrSql', () => {
  it('gives what cleanCvr gives wherever cleanCvr finds 8 digits, and keeps plain numbers as written', async () => {
    const values = ['12345678', 'DK12345678', 'dk12345678', 'Dk12345678', 'DK 12345678', 'DK1234567', 'DK123456789', '1234 5678', '12.34.56.78', '12-34-56-78', 'DKK2345678', 'DK1234567x', 'ab12345678', '+1234567', 'dk-12345678', null];
    const sql = await column(values, (c) => cleanCvrSql(textSql(c)));
    values.forEach((v, i) => {
      const js = cleanCvr(v);
      if (js !== null) expect(sql[i], String(v)).toBe(js);
    });
    // Not 8 digits: kept as written (less a DK prefix and separators) so the line still names its supplier.
    expect(sql[values.indexOf('DKK2345678')]).toBe('K2345678');
    expect(sql[values.indexOf(null)]).toBeNull();
  });
});

describe('maskCprSql', () => {
  it('masks the same with the match computed once as with it computed twice', async () => {
    const values = ['løn 010190-1234', 'ref 0101901234 x', 'faktura 12345678', '3201901234', null, 'sum0101901234'];
    const once = await column(values, (c) => `(SELECT ${maskCprSql('d', 'h')} FROM (SELECT ${c} AS d, ${hasCprSql(c)} AS h))`);
    expect(once).toEqual(await column(values, (c) => maskCprSql(c)));
    expect(once[0]).toBe('løn XXXXXX-XXXX');
    expect(once[2]).toBe('faktura 12345678');
  });
});
