import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';

export interface FloorResult {
  rows: number;
  ingestMs: number;
  groupByMs: number;
  groups: number;
  total: string;
}

/**
 * The floor every import is measured against: DuckDB's own CSV reader on a Danish-format file
 * (';', decimal comma, '.' thousands, dd-mm-yyyy) into a table, then one GROUP BY.
 * Amounts are read as text because read_csv cannot strip thousands separators. The table is TEMP:
 * DuckDB's plain in-memory table, not the compressed workspace database (connector.ts), whose
 * compression at the commit is part of what Overblik does, not of the floor.
 */
export async function runFloor(db: DbConnector, fileName: string, now: () => number): Promise<FloorResult> {
  await db.exec('DROP TABLE IF EXISTS temp.floor_line');
  const t0 = now();
  await db.exec(
    `CREATE TEMP TABLE floor_line AS
       SELECT * REPLACE (CAST(replace(replace("Beløb", '.', ''), ',', '.') AS DECIMAL(18,2)) AS "Beløb")
         FROM read_csv(${literal(fileName)}, delim = ';', header = true, quote = '"', dateformat = '%d-%m-%Y',
                       types = {'Beløb': 'VARCHAR', 'CVR-nr': 'VARCHAR', 'Art': 'VARCHAR', 'EAN': 'VARCHAR'})`,
  );
  const t1 = now();
  const groups = await queryRows(
    db,
    `SELECT "Leverandør" AS supplier, sum("Beløb") AS spend, count(*) AS n FROM floor_line GROUP BY 1 ORDER BY 2 DESC`,
  );
  const t2 = now();
  const [summary] = await queryRows(db, `SELECT count(*) AS n, sum("Beløb")::VARCHAR AS total FROM floor_line`);
  return {
    rows: Number(summary?.n ?? 0),
    ingestMs: t1 - t0,
    groupByMs: t2 - t1,
    groups: groups.length,
    total: String(summary?.total ?? '0'),
  };
}
