import type { DbConnector } from '../../db/connector.js';
import { queryRows, type Row } from '../../db/rows.js';
import type { AnalysisLines } from './lines.js';

/**
 * Results of read-only queries over prepared lines, kept per content: the shared prepared table
 * never changes once built (a new state builds a new table under a new name), so the same figures
 * over the same table, filter and tree are the same rows. Going back to a filter (or to none), or
 * opening a second screen over the same lines, then reads them from here instead of aggregating
 * 1M lines again. Concurrent askers share one query; a failed query is not kept.
 */

const MAX_ENTRIES = 64;
const memos = new WeakMap<DbConnector, Map<string, Promise<Row[]>>>();

/** `sql` over `lines` (its table and categories named as in `lines`); memoised when the content has a key. */
export function memoRows(db: DbConnector, lines: AnalysisLines, sql: string): Promise<Row[]> {
  if (!lines.contentKey || lines.contentKey.table !== lines.table) return queryRows(db, sql);
  // The table and category-table names differ per preparation; the content key stands for both.
  const key = `${lines.contentKey.key}\n${sql.replaceAll(lines.table, '\u0001').replaceAll(lines.categories, '\u0002')}`;
  const memo = memos.get(db) ?? new Map<string, Promise<Row[]>>();
  memos.set(db, memo);
  const known = memo.get(key);
  if (known) {
    // Most recently used last (Map keeps insertion order).
    memo.delete(key);
    memo.set(key, known);
    return known;
  }
  const rows = queryRows(db, sql);
  memo.set(key, rows);
  rows.catch(() => memo.get(key) === rows && memo.delete(key));
  while (memo.size > MAX_ENTRIES) memo.delete(memo.keys().next().value as string);
  return rows;
}
