import { describe, expect, it } from 'vitest';
import { createTableSql, tableDefProblem, type TableDef } from '../../../src/core/workspace/file/catalog.js';
import { columnTypeSql, parseColumnDefault, parseColumnType } from '../../../src/core/workspace/file/column-type.js';

const def = (type: string, dflt: string | null = null): TableDef => ({
  name: 't',
  temporary: false,
  columns: [{ name: 'c', type, nullable: true, default: dflt }],
  primaryKey: [],
});

describe('column types and defaults from a workspace file', () => {
  it('reads the types DuckDB writes and writes them back the same', () => {
    for (const t of ['VARCHAR', 'DECIMAL(18,2)', 'DECIMAL(18,4)', 'DATE', 'TIMESTAMP', 'BIGINT', 'VARCHAR[]', 'STRUCT("name" VARCHAR, lines BIGINT, spend DECIMAL(18,2))[]']) {
      const parsed = parseColumnType(t);
      expect(parsed, t).not.toBeNull();
      expect(parseColumnType(columnTypeSql(parsed!)), t).toEqual(parsed);
    }
    expect(columnTypeSql(parseColumnType('STRUCT("name" VARCHAR, lines BIGINT)[]')!)).toBe('STRUCT("name" VARCHAR, "lines" BIGINT)[]');
  });

  it('reads the defaults DuckDB writes (constants, casts of constants, the current time)', () => {
    expect(parseColumnDefault("'DKK'")).toBe("'DKK'");
    expect(parseColumnDefault("CAST('t' AS BOOLEAN)")).toBe("CAST('t' AS BOOLEAN)");
    expect(parseColumnDefault('0')).toBe('0');
    expect(parseColumnDefault('now()')).toBe('now()');
    expect(createTableSql({ ...def('VARCHAR', "'it''s'"), primaryKey: ['c'] })).toBe(`CREATE TABLE "t" ("c" VARCHAR DEFAULT 'it''s', PRIMARY KEY ("c"))`);
  });

  it('refuses anything else, so no text from a file reaches SQL as written', () => {
    for (const t of ['VARCHAR); DROP TABLE spend_line; --', 'DECIMAL(99,2)', 'STRUCT(a VARCHAR', 'MAP(VARCHAR, VARCHAR)', 'VARCHAR[] x', '']) {
      expect(parseColumnType(t), t).toBeNull();
      expect(tableDefProblem(def(t)), t).toMatch(/unsupported type/);
    }
    for (const d of ["read_csv('/etc/passwd')", "'a' || (SELECT 1)", "CAST(nextval('s') AS BIGINT)", "'unterminated"]) {
      expect(parseColumnDefault(d), d).toBeNull();
      expect(() => createTableSql(def('VARCHAR', d)), d).toThrow(/unsupported default/);
    }
  });
});
