/**
 * A supplier's name as its lines spell it most often; a tie goes to the spelling last in
 * alphabetical order. DuckDB's mode() leaves ties to the order rows arrive in, which differs
 * between native DuckDB (threads) and DuckDB-WASM, so the same file showed another name in the
 * command line's JSON than in the browser. Every place that names a supplier from its lines uses this.
 */

/**
 * SQL: one row per `key` of `from` (a table, view or subquery in parentheses) with its most frequent
 * `column` (default supplier_name; an item's description, too) as `name`.
 */
export function spellingSql(from: string, key = 'supplier_key', where = 'TRUE', column = 'supplier_name'): string {
  return `SELECT ${key}, arg_max(${column}, (n, ${column})) AS name
            FROM (SELECT ${key}, ${column}, count(*) AS n FROM ${from}
                   WHERE ${column} IS NOT NULL AND (${where}) GROUP BY ALL)
           GROUP BY ${key}`;
}
