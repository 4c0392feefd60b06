/**
 * Which statements may change what a workspace keeps, for the autosave's write count (src/ui/workspace).
 * Kept in the core with the rest of the SQL knowledge: the UI only asks.
 */

/**
 * The session's temporary objects: created by the analysis and the classification engine, never kept.
 * The analysis's `_ovb_` tables are that whether TEMP or not (a large one is kept compressed, lines.ts).
 */
const TEMP_OBJECT = /^\s*(?:CREATE\s+(?:OR\s+REPLACE\s+)?TEMP(?:ORARY)?\s+(?:TABLE|VIEW)\b|CREATE\s+(?:OR\s+REPLACE\s+)?TABLE\s+"_ovb_|DROP\s+(?:TABLE|VIEW)\s+(?:IF\s+EXISTS\s+)?"?(?:_ovb_|cls_))/i;
/** The schema checks every read path runs; an empty table or column they add is added again on the next use. */
const SCHEMA_CHECK = /^\s*(?:CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS\b|ALTER\s+TABLE\s+\S+\s+ADD\s+COLUMN\s+IF\s+NOT\s+EXISTS\b)/i;

function statementMayWrite(sql: string): boolean {
  if (TEMP_OBJECT.test(sql)) return false;
  return !(SCHEMA_CHECK.test(sql) && !/\bAS\s*\(?\s*(?:SELECT|WITH|FROM|VALUES)\b/i.test(sql));
}

/** The statements of `sql`, split on the semicolons outside literals and comments (those are blanked). */
function statements(sql: string): string[] {
  const code = sql.replace(/'(?:[^']|'')*'/g, "''").replace(/--[^\n]*/g, '');
  return code.split(';').filter((part) => /\S/.test(part));
}

/**
 * False for a statement that changes nothing a workspace keeps (TEMP_OBJECT, SCHEMA_CHECK without a
 * query in it), or for several such statements sent at once (the schema checks go as one batch);
 * anything else may write. Counting those made every screen opened or filter changed start an
 * autosave pass, which hashes every table of the workspace (1M lines) on the one database
 * connection the next screen waits for.
 */
export function mayWrite(sql: string): boolean {
  const parts = statements(sql);
  return parts.length > 1 ? parts.some(statementMayWrite) : statementMayWrite(sql);
}

/** Statements that only read, whatever they are sent through (a query's result may be wanted from a write, too). */
const READ_ONLY = /^\s*(?:\(?\s*SELECT|FROM|VALUES|EXPLAIN|DESCRIBE|SHOW|SUMMARIZE)\b/i;
const WRITE_WORD = /\b(?:INSERT\s+INTO|UPDATE\s+\S+\s+SET|DELETE\s+FROM|CREATE|DROP|ALTER|COPY|ATTACH|DETACH|CHECKPOINT|BEGIN|COMMIT|ROLLBACK)\b/i;

/**
 * mayWrite for a statement whose rows are read back (query, not exec): a plain SELECT (or a WITH
 * without any writing word in it) writes nothing; anything else is judged as mayWrite judges it.
 */
export function queryMayWrite(sql: string): boolean {
  // Literals and comments are data and notes ("string_agg(x, '; ')"), not statements.
  const code = sql.replace(/'(?:[^']|'')*'/g, "''").replace(/--[^\n]*/g, '');
  if (/;\s*\S/.test(code)) return mayWrite(sql);
  if (READ_ONLY.test(code)) return false;
  if (/^\s*WITH\b/i.test(code)) return WRITE_WORD.test(code);
  return mayWrite(sql);
}
