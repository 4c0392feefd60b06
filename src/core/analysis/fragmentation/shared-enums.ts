import type { DbConnector } from '../../db/connector.js';
import { queryRows } from '../../db/rows.js';
import { literal, quoteIdent } from '../../sql/escape.js';

/**
 * The shared table's text columns with few distinct values, stored as ENUMs over the values they can
 * hold. DuckDB keeps a TEMP table uncompressed, and every scan of an uncompressed VARCHAR column costs
 * ~10 ms per 1M rows in DuckDB-WASM, even for the rows a filter drops: copying a unit's 28k lines out
 * of 1M took 141 ms with VARCHARs and 56 ms with ENUMs, the top 100 of a category 116 → 43 ms, grouping
 * by category, supplier, unit and month 440 → 257 ms (Node-WASM, `.cache/scratch/exp25.ts`).
 *
 * An ENUM reads as its text everywhere the VARCHAR did: comparing with a text (also one it lacks),
 * joining a VARCHAR column, string functions, Arrow output. Its values are given in DuckDB's own order
 * (list_sort), so ORDER BY, min and max give what they gave on the VARCHARs.
 */

/** More values than this and the column stays VARCHAR (the ENUM's values are spelled out in the SQL). */
const MAX_VALUES = 20_000;

/**
 * Column → its values in DuckDB's order, each list a superset of what the shared SELECT can put there.
 * One scan of spend_line (grouping sets); ordered aggregates, since list_sort over a correlated list came
 * out unsorted on native DuckDB.
 */
function domainsSql(categories: string): string {
  const cat = quoteIdent(categories);
  const ordered = (column: string, from: string) => `(SELECT list(${column} ORDER BY ${column}) FROM ${from} WHERE ${column} IS NOT NULL)`;
  return `
    WITH d AS MATERIALIZED (
      SELECT source_kind, currency, unit, supplier_key, supplier_name,
             grouping(source_kind) AS g1, grouping(currency) AS g2, grouping(unit) AS g3, grouping(supplier_key) AS g4, grouping(supplier_name) AS g5
        FROM spend_line WHERE counted
       GROUP BY GROUPING SETS ((source_kind), (currency), (unit), (supplier_key), (supplier_name))),
    k AS (SELECT supplier_key AS v FROM d WHERE g4 = 0 UNION SELECT to_key FROM supplier_merge_map),
    c AS (SELECT category_id AS v FROM classification UNION SELECT split_part(category_id, '.', 1) FROM classification
          UNION SELECT id FROM ${cat} UNION SELECT parent FROM ${cat})
    SELECT ${ordered('source_kind', '(SELECT source_kind FROM d WHERE g1 = 0)')} AS source_kind,
           ${ordered('currency', '(SELECT currency FROM d WHERE g2 = 0)')} AS currency,
           ${ordered('unit', '(SELECT unit FROM d WHERE g3 = 0)')} AS unit,
           ${ordered('v', 'k')} AS supplier_key,
           ${ordered('supplier_name', '(SELECT supplier_name FROM d WHERE g5 = 0)')} AS supplier_name,
           ${ordered('v', 'c')} AS category`;
}

/**
 * A `REPLACE (…)` for `SELECT * REPLACE …` over the shared SELECT that makes its text columns with few
 * values ENUMs ('' when none qualifies).
 */
export async function sharedEnumsReplace(db: DbConnector, categories: string): Promise<string> {
  const [row] = await queryRows(db, domainsSql(categories));
  if (!row) return '';
  const values = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const enumOf = (v: unknown) => {
    const xs = values(v);
    return xs.length > 0 && xs.length <= MAX_VALUES ? `ENUM(${xs.map((x) => literal(x)).join(', ')})` : null;
  };
  const columns: [string, string | null][] = [
    ['source_kind', enumOf(row.source_kind)],
    ['currency', enumOf(row.currency)],
    ['unit', enumOf(row.unit)],
    ['supplier_key', enumOf(row.supplier_key)],
    ['supplier_name', enumOf(row.supplier_name)],
    ...(['category_id', 'cat2', 'cat1'] as const).map((c) => [c, enumOf(row.category)] as [string, string | null]),
  ];
  const casts = columns.filter(([, type]) => type !== null).map(([c, type]) => `CAST(${quoteIdent(c)} AS ${type}) AS ${quoteIdent(c)}`);
  return casts.length > 0 ? `REPLACE (${casts.join(', ')})` : '';
}
