import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openNativeDb } from '../../../src/cli/db/native-connector.js';
import { WORKSPACE_CATALOG } from '../../../src/core/db/connector.js';
import { queryRows, queryValue } from '../../../src/core/db/rows.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import { workspaceTables } from '../../../src/core/workspace/file/catalog.js';
import { bothEngines } from '../../support/engines.js';

/**
 * The workspace's tables live in an in-memory database that DuckDB compresses (connector.ts,
 * COMPRESSED_MEMORY_SQL); TEMP tables stay in `temp`. A database file is left as it is.
 */
describe('the compressed in-memory workspace database', () => {
  const engines = bothEngines();

  it('holds the workspace tables in both engines, with the same results', async () => {
    const totals: unknown[] = [];
    for (const db of [engines.wasm, engines.native]) {
      expect(await queryValue(db, 'SELECT current_database()')).toBe(WORKSPACE_CATALOG);
      await loadDemo(db, 5000);
      const [where] = await queryRows(db, `SELECT database_name, temporary FROM duckdb_tables() WHERE table_name = 'spend_line'`);
      expect(where).toEqual({ database_name: WORKSPACE_CATALOG, temporary: false });
      // A TEMP table goes where it always went.
      await db.exec('CREATE OR REPLACE TEMP TABLE t_probe AS SELECT 1 AS x');
      expect(await queryValue(db, `SELECT database_name FROM duckdb_tables() WHERE table_name = 't_probe'`)).toBe('temp');
      await db.exec('DROP TABLE t_probe');
      totals.push(await queryRows(db, `SELECT count(*) AS n, sum(amount)::VARCHAR AS spend, count(DISTINCT unit) AS units FROM spend_line`));
    }
    expect(totals[1]).toEqual(totals[0]);
    expect((totals[0] as { n: number }[])[0]!.n).toBeGreaterThanOrEqual(5000);
  });

  it('stores text compressed and uses less memory than a plain in-memory table', async () => {
    const db = engines.wasm;
    const used = async () => Number(await queryValue(db, `SELECT sum(memory_usage_bytes) FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'`));
    const before = await used();
    // DuckDB compresses a row group (122,880 rows) when it is full: 200,000 lines fill one.
    await db.exec(`CREATE TABLE compressed_copy AS SELECT * FROM spend_line, range(40)`);
    const compressed = (await used()) - before;
    const storage = await queryRows(
      db,
      `SELECT column_name, list(DISTINCT compression ORDER BY compression) AS methods FROM pragma_storage_info('compressed_copy')
        WHERE column_name IN ('unit', 'supplier_key', 'currency') AND segment_type = 'VARCHAR' AND row_group_id = 0 GROUP BY 1 ORDER BY 1`,
    );
    expect(storage.map((r) => r.column_name)).toEqual(['currency', 'supplier_key', 'unit']);
    for (const r of storage) expect(r.methods as string[]).not.toContain('Uncompressed');
    await db.exec(`CREATE TEMP TABLE plain_copy AS SELECT * FROM spend_line, range(40)`);
    const plain = (await used()) - before - compressed;
    await db.exec('DROP TABLE compressed_copy; DROP TABLE plain_copy');
    // 200,000 lines: measured 4× smaller or better; asked for 2×.
    expect(compressed).toBeGreaterThan(0);
    expect(compressed * 2).toBeLessThan(plain);
  });

  it("keeps a large analysis table there without saving it with the workspace", async () => {
    // From COMPRESSED_LINES_FROM lines the shared analysis table is a table of this database, not TEMP (lines.ts).
    const db = engines.wasm;
    await db.exec(`CREATE OR REPLACE TABLE "_ovb_lines_all_probe_1" AS SELECT line_id, amount FROM spend_line`);
    const names = (await workspaceTables(db)).map((t) => t.name);
    expect(names).toContain('spend_line');
    expect(names).not.toContain('_ovb_lines_all_probe_1');
    await db.exec(`DROP TABLE "_ovb_lines_all_probe_1"`);
  });

  it('leaves a database file as it is', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'overblik-catalog-'));
    const db = await openNativeDb(path.join(dir, 'work.duckdb'));
    try {
      expect(await queryValue(db, 'SELECT current_database()')).toBe('work');
      const attached = await queryRows(db, `SELECT database_name FROM duckdb_databases() WHERE database_name = '${WORKSPACE_CATALOG}'`);
      expect(attached).toEqual([]);
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
