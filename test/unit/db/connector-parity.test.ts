import { describe, expect, it } from 'vitest';
import { bothEngines } from '../../support/engines.js';
import { queryRows, queryValue } from '../../../src/core/db/rows.js';
import { QueryError } from '../../../src/core/db/query-error.js';
import { parsedTableToArrow } from '../../../src/core/import/parsed-to-arrow.js';

const QUERIES = [
  `SELECT 25336.58::DECIMAL(18,2) AS amount, -0.01::DECIMAL(18,2) AS credit, NULL::DECIMAL(18,2) AS missing`,
  `SELECT sum(x) AS total, count(*) AS n FROM (VALUES (1.25::DECIMAL(18,2)), (-3.10::DECIMAL(18,2)), (99999999.99::DECIMAL(18,2))) t(x)`,
  `SELECT DATE '2025-12-31' AS d, DATE '1999-01-01' AS old, TIMESTAMP '2024-02-29 13:45:01' AS ts`,
  `SELECT 'Ærø Å/S ''citat''' AS name, 42::INTEGER AS i, 9007199254740993::BIGINT AS big, 2.5::DOUBLE AS f, true AS b`,
  `SELECT [1, 2, 3] AS l, ['a', NULL] AS ls, {'k': 1, 'v': 'x'} AS s`,
  `SELECT range AS r, (range * 1.5)::DECIMAL(18,2) AS amt, 'r' || range AS label FROM range(2500) ORDER BY r`,
  `SELECT 12::HUGEINT AS h, 1::UTINYINT AS u`,
  `SELECT [{'name': 'Ærø A/S', 'spend': -12.50::DECIMAL(18,2)}, {'name': 'B', 'spend': NULL::DECIMAL(18,2)}] AS variants`,
];

describe('connector parity: Node WASM and native DuckDB give the same Arrow results', () => {
  const engines = bothEngines();

  it('runs the same engine version', async () => {
    const [a, b] = await Promise.all([queryValue(engines.wasm, 'SELECT version()'), queryValue(engines.native, 'SELECT version()')]);
    expect(a).toMatch(/^v\d+\.\d+\.\d+/);
    expect(b).toBe(a);
  });

  it.each(QUERIES)('same types and values: %s', async (sql) => {
    const [a, b] = await Promise.all([engines.wasm.query(sql), engines.native.query(sql)]);
    expect(b.schema.fields.map((f) => `${f.name}:${String(f.type)}`)).toEqual(
      a.schema.fields.map((f) => `${f.name}:${String(f.type)}`),
    );
    expect(b.numRows).toBe(a.numRows);
    const [ra, rb] = await Promise.all([queryRows(engines.wasm, sql), queryRows(engines.native, sql)]);
    expect(rb).toEqual(ra);
  });

  it('converts DECIMAL, DATE and BIGINT at the boundary', async () => {
    for (const db of [engines.wasm, engines.native]) {
      const [row] = await queryRows(db, QUERIES[0]!);
      expect(row).toEqual({ amount: 25336.58, credit: -0.01, missing: null });
      const [dates] = await queryRows(db, QUERIES[2]!);
      expect(dates).toMatchObject({ d: '2025-12-31', old: '1999-01-01', ts: '2024-02-29T13:45:01.000Z' });
      const [mixed] = await queryRows(db, QUERIES[3]!);
      expect(mixed).toMatchObject({ name: "Ærø Å/S 'citat'", i: 42, big: '9007199254740993', f: 2.5, b: true });
    }
  });

  it('switches extension autoloading off at start-up', async () => {
    for (const db of [engines.wasm, engines.native]) {
      const rows = await queryRows(
        db,
        `SELECT name, value FROM duckdb_settings() WHERE name IN ('autoload_known_extensions', 'autoinstall_known_extensions') ORDER BY name`,
      );
      expect(rows).toEqual([
        { name: 'autoinstall_known_extensions', value: 'false' },
        { name: 'autoload_known_extensions', value: 'false' },
      ]);
    }
  });

  it('reads a registered file by name in both runtimes', async () => {
    const csv = new TextEncoder().encode('a;b\n1;x\n2;y\n');
    for (const db of [engines.wasm, engines.native]) {
      await db.registerFile('parity.csv', csv);
      const rows = await queryRows(db, `SELECT count(*) AS n, max(a) AS m FROM read_csv('parity.csv', delim=';', header=true)`);
      expect(rows).toEqual([{ n: 2, m: 2 }]);
      await db.dropFile('parity.csv');
    }
  });

  it('creates a table from Arrow in both runtimes', async () => {
    const data = parsedTableToArrow({
      headers: ['Leverandør', 'Beløb'],
      columns: [['Ærø A/S', null, 'B "quoted"'], ['1234.50', '-0.01', null]],
      rowCount: 3,
      warnings: [],
    });
    for (const db of [engines.wasm, engines.native]) {
      await db.insertArrow('arrow_in', data);
      const rows = await queryRows(db, 'SELECT "Leverandør", "Beløb"::DECIMAL(18,2) AS b FROM arrow_in ORDER BY rowid');
      expect(rows).toEqual([
        { Leverandør: 'Ærø A/S', b: 1234.5 },
        { Leverandør: null, b: -0.01 },
        { Leverandør: 'B "quoted"', b: null },
      ]);
      await db.exec('DROP TABLE arrow_in');
    }
  });

  it('errors carry the SQL that failed', async () => {
    for (const db of [engines.wasm, engines.native]) {
      const sql = 'SELECT * FROM no_such_table';
      const error = await db.query(sql).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryError);
      expect((error as QueryError).sql).toBe(sql);
      expect((error as QueryError).message).toMatch(/no_such_table/);
    }
  });
});
