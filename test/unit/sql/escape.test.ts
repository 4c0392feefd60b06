import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ident, list, literal, quoteIdent, raw, sql } from '../../../src/core/sql/escape.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';

describe('escape', () => {
  let db: DbConnector;
  beforeAll(async () => {
    db = await openNodeWasmDb();
  });
  afterAll(() => db?.close());

  it('quotes identifiers and doubles inner quotes, even when already quoted', () => {
    expect(quoteIdent('Beløb')).toBe('"Beløb"');
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteIdent('"x"')).toBe('"""x"""');
  });

  it('renders literals', () => {
    expect(literal("O'Brien")).toBe("'O''Brien'");
    expect(literal(null)).toBe('NULL');
    expect(literal(undefined)).toBe('NULL');
    expect(literal(Number.NaN)).toBe('NULL');
    expect(literal(Infinity)).toBe('NULL');
    expect(literal(12.5)).toBe('12.5');
    expect(literal(12n)).toBe('12');
    expect(literal(true)).toBe('TRUE');
    expect(literal(new Date('2025-03-01T00:00:00Z'))).toBe("DATE '2025-03-01'");
    expect(literal(new Date('2025-03-01T10:11:12.345Z'))).toBe("TIMESTAMP '2025-03-01 10:11:12.345'");
  });

  it('the sql tag makes values literals and only fragments raw', () => {
    const name = "x'; DROP TABLE t; --";
    expect(sql`SELECT ${name} AS v`).toBe(`SELECT 'x''; DROP TABLE t; --' AS v`);
    expect(sql`SELECT ${ident('my col')} FROM t WHERE a IN (${list([1, 'b'])}) ${raw('LIMIT 1')}`).toBe(
      `SELECT "my col" FROM t WHERE a IN (1, 'b') LIMIT 1`,
    );
  });

  it('round-trips hostile strings and identifiers through real DuckDB', async () => {
    const hostile = ["'", "''", '"', 'æøå ÆØÅ', 'back\\slash', 'line\nbreak', '; DROP TABLE x; --', '€ – “quotes”'];
    for (const value of hostile) {
      const rows = await queryRows(db, sql`SELECT ${value} AS ${ident(value)}`);
      expect(rows).toEqual([{ [value]: value }]);
    }
  });
});
