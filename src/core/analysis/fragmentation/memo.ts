import { baseConnector, CancelledError, isCancelled } from '../../db/abortable.js';
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
const memos = new WeakMap<DbConnector, Map<string, Promise<unknown>>>();

/**
 * The memo entry for `key`, computed by `compute` (on `db`) if there is none. Entries are kept per
 * base connector, so every screen's abortable connector shares them. A computation that another
 * caller's cancel stopped is not an answer: it is dropped and this caller computes its own.
 */
async function remember<T>(db: DbConnector, key: string, compute: () => Promise<T>): Promise<T> {
  const base = baseConnector(db);
  const memo = memos.get(base) ?? new Map<string, Promise<unknown>>();
  memos.set(base, memo);
  for (;;) {
    let value = memo.get(key) as Promise<T> | undefined;
    const mine = !value;
    if (value) {
      // Most recently used last (Map keeps insertion order).
      memo.delete(key);
      memo.set(key, value);
    } else {
      const made = compute();
      value = made;
      memo.set(key, made);
      made.catch(() => memo.get(key) === made && memo.delete(key));
      while (memo.size > MAX_ENTRIES) memo.delete(memo.keys().next().value as string);
    }
    try {
      return await value;
    } catch (error) {
      if (mine || !(error instanceof CancelledError) || isCancelled(db)) throw error;
      if (memo.get(key) === value) memo.delete(key);
    }
  }
}

const keyOf = (lines: AnalysisLines): string | null =>
  lines.contentKey && lines.contentKey.table === lines.table ? lines.contentKey.key : null;

/** `sql` over `lines` (its table and categories named as in `lines`); memoised when the content has a key. */
export function memoRows(db: DbConnector, lines: AnalysisLines, sql: string): Promise<Row[]> {
  const content = keyOf(lines);
  if (content === null) return queryRows(db, sql);
  // The table and category-table names differ per preparation; the content key stands for both.
  return remember(db, `rows\n${content}\n${sql.replaceAll(lines.table, '\u0001').replaceAll(lines.categories, '\u0002')}`, () => queryRows(db, sql));
}

/**
 * A value computed from the rows `rows` stands for (e.g. a count and a sum of their line ids' hashes,
 * read from `lines`) and `inputs` alone, whatever filter picked them: another filter that picks the
 * same rows gets it from here. The rows' other columns come from the shared table, whose state the key
 * covers. Each caller gets its own copy.
 */
export async function memoByRows<T>(db: DbConnector, lines: AnalysisLines, what: string, rows: string, inputs: unknown, compute: () => Promise<T>): Promise<T> {
  const shared = keyOf(lines) === null ? null : (lines.contentKey?.shared ?? null);
  if (shared === null) return compute();
  return structuredClone(await remember(db, `${what}\n${shared}\n${rows}\n${JSON.stringify(inputs)}`, compute));
}

/**
 * A value computed over `lines` from them and `inputs` alone (everything else it reads must be covered by
 * the content key: the lines, decisions, merges, register, agreement mapping and tree). Each caller gets
 * its own copy, so nobody changes another's.
 */
export async function memoValue<T>(db: DbConnector, lines: AnalysisLines, what: string, inputs: unknown, compute: () => Promise<T>): Promise<T> {
  const content = keyOf(lines);
  if (content === null) return compute();
  return structuredClone(await remember(db, `${what}\n${content}\n${JSON.stringify(inputs)}`, compute));
}
