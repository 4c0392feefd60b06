import { baseConnector } from './abortable.js';
import type { DbConnector } from './connector.js';
import { queryRows } from './rows.js';
import { literal } from '../sql/escape.js';

/**
 * A connector that counts the statements that may change persistent tables (the app's write
 * tracker, src/ui/workspace/write-tracker.ts) registers the count here. Figures derived from the
 * tables' content (the prepared lines' fingerprint, the agreement mapping check) are then taken
 * again only after a write, instead of re-reading 1M rows for every screen query: the fingerprint
 * alone was 60–80 ms of every drill-down and line page at 1M lines. Connectors without a count
 * (the command line, tests) always read.
 */
const counts = new WeakMap<DbConnector, () => number>();
const values = new WeakMap<DbConnector, Map<string, { writes: number; value: unknown }>>();

export function registerWriteCount(db: DbConnector, count: () => number): void {
  counts.set(db, count);
}

/** The write count of `db` (or of the connector under its abortable wrappers); undefined when none is kept. */
export function writeCount(db: DbConnector): number | undefined {
  return counts.get(baseConnector(db))?.();
}

/**
 * `compute`'s value, kept per database and `what` until the next write. The count is read before
 * `compute` starts: a write issued meanwhile (DuckDB runs statements in the order they are sent)
 * makes the kept value one that is taken again next time, never a stale one that is trusted.
 */
export async function untilWritten<T>(db: DbConnector, what: string, compute: () => Promise<T>): Promise<T> {
  const writes = writeCount(db);
  if (writes === undefined) return compute();
  const base = baseConnector(db);
  const kept = values.get(base)?.get(what);
  if (kept && kept.writes === writes) return kept.value as T;
  const value = await compute();
  const map = values.get(base) ?? new Map<string, { writes: number; value: unknown }>();
  values.set(base, map);
  map.set(what, { writes, value });
  return value;
}

/**
 * True when the table `name` (a scratch table the analysis keeps between screens) still exists. A
 * rolled-back transaction takes a TEMP table made in it along, so the answer is kept only until the next write.
 */
export async function keptTableExists(db: DbConnector, name: string): Promise<boolean> {
  return untilWritten(db, `table-exists\n${name}`, async () => {
    const [r] = await queryRows(db, `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ${literal(name)}`);
    return Number(r?.n ?? 0) > 0;
  });
}
