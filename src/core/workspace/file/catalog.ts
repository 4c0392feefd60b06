import type { DbConnector } from '../../db/connector.js';
import { queryRows } from '../../db/rows.js';
import { literal, quoteIdent } from '../../sql/escape.js';
import { columnTypeSql, parseColumnDefault, parseColumnType } from './column-type.js';

/**
 * Which tables make up the analysis, read from DuckDB's catalog so that a table another feature
 * adds is saved without anyone listing it: every base table of the database, plus the
 * classification engine's working tables (TEMP `cls_*`), which let the next rule edit re-classify
 * incrementally exactly as it would have before saving (its learned model included).
 */
export interface ColumnDef {
  name: string;
  /** DuckDB's type text, e.g. `DECIMAL(18,2)` or `STRUCT("name" VARCHAR, lines BIGINT)[]`. */
  type: string;
  nullable: boolean;
  /** DuckDB's default text, e.g. `'DKK'`; null when none. */
  default: string | null;
}

export interface TableDef {
  name: string;
  /** An engine working table: restored as a TEMP table. */
  temporary: boolean;
  columns: ColumnDef[];
  primaryKey: string[];
}

/** Scratch tables that exist only while an operation runs (staging of an import or an open), or the analysis's own (`_ovb_`). */
const SCRATCH = [/^__overblik_/, /^_ovb_/, /^raw_\d+$/, /^cls_rule_in$/];
const ENGINE_PREFIX = 'cls_';

export function isScratchTable(name: string): boolean {
  return SCRATCH.some((re) => re.test(name));
}

/** The tables of the analysis in a stable order (base tables first, then engine tables), with their columns. */
export async function workspaceTables(db: DbConnector): Promise<TableDef[]> {
  const tables = await queryRows(
    db,
    `SELECT database_name, schema_name, table_name, temporary FROM duckdb_tables()
      WHERE (NOT temporary AND schema_name = 'main' AND database_name = current_database())
         OR (temporary AND starts_with(table_name, ${literal(ENGINE_PREFIX)}))
      ORDER BY temporary, table_name`,
  );
  const columns = await queryRows(
    db,
    `SELECT database_name, schema_name, table_name, column_name, data_type, is_nullable, column_default
       FROM duckdb_columns() ORDER BY database_name, schema_name, table_name, column_index`,
  );
  const keys = await queryRows(
    db,
    `SELECT database_name, schema_name, table_name, constraint_column_names AS cols
       FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'`,
  );
  const id = (r: Record<string, unknown>) => `${String(r.database_name)}.${String(r.schema_name)}.${String(r.table_name)}`;
  return tables
    .filter((t) => !isScratchTable(String(t.table_name)))
    .map((t) => ({
      name: String(t.table_name),
      temporary: t.temporary === true,
      columns: columns
        .filter((c) => id(c) === id(t))
        .map((c) => ({
          name: String(c.column_name),
          type: String(c.data_type),
          nullable: c.is_nullable === true,
          default: c.column_default === null ? null : String(c.column_default),
        })),
      primaryKey: ((keys.find((k) => id(k) === id(t))?.cols as string[] | undefined) ?? []).map(String),
    }));
}

/** Why a table definition cannot be written as SQL (unsupported type or default); null when it can. */
export function tableDefProblem(def: TableDef): string | null {
  for (const c of def.columns) {
    if (!parseColumnType(c.type)) return `${def.name}.${c.name}: unsupported type ${c.type}`;
    if (c.default !== null && parseColumnDefault(c.default) === null) return `${def.name}.${c.name}: unsupported default ${c.default}`;
  }
  if (!def.columns.length) return `${def.name}: no columns`;
  if (def.primaryKey.some((k) => !def.columns.some((c) => c.name === k))) return `${def.name}: primary key names an unknown column`;
  return null;
}

/** CREATE TABLE for a definition, every part written here from the parsed definition. */
export function createTableSql(def: TableDef, name = def.name): string {
  const problem = tableDefProblem(def);
  if (problem) throw new Error(problem);
  const columns = def.columns.map((c) => {
    const parts = [quoteIdent(c.name), columnTypeSql(parseColumnType(c.type)!)];
    if (c.default !== null) parts.push(`DEFAULT ${parseColumnDefault(c.default)!}`);
    if (!c.nullable) parts.push('NOT NULL');
    return parts.join(' ');
  });
  if (def.primaryKey.length) columns.push(`PRIMARY KEY (${def.primaryKey.map(quoteIdent).join(', ')})`);
  return `CREATE ${def.temporary ? 'TEMP ' : ''}TABLE ${quoteIdent(name)} (${columns.join(', ')})`;
}

export interface SignatureOptions {
  /**
   * Awaited before each statement: with it, a big table is hashed in rowid ranges of `chunkRows`,
   * so a caller that yields here (the browser's autosave) never holds the connection for long.
   */
  pause?: () => Promise<void>;
  chunkRows?: number;
}

/**
 * Order-independent content signature (row count and the sum of row hashes), cheap next to writing
 * the rows. Both are sums, so a table hashed in ranges has the same signature as hashed at once.
 */
export async function tableSignatures(db: DbConnector, defs: readonly TableDef[], options: SignatureOptions = {}): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (!defs.length) return out;
  const sigSql = (d: TableDef, where = '') =>
    `SELECT ${literal(d.name)} AS name, count(*) AS n, coalesce(sum(hash(t))::VARCHAR, '0') AS h FROM ${quoteIdent(d.name)} t ${where}`;
  const { pause } = options;
  const chunk = options.chunkRows ?? 250_000;
  let big: { def: TableDef; maxRowid: number }[] = [];
  let small = defs;
  if (pause) {
    await pause();
    const sizes = await queryRows(
      db,
      defs.map((d) => `SELECT ${literal(d.name)} AS name, count(*) AS n, coalesce(max(rowid), -1) AS m FROM ${quoteIdent(d.name)}`).join(' UNION ALL '),
    );
    const size = new Map(sizes.map((r) => [String(r.name), { n: Number(r.n), m: Number(r.m) }]));
    big = defs.filter((d) => (size.get(d.name)?.n ?? 0) > chunk).map((def) => ({ def, maxRowid: size.get(def.name)!.m }));
    small = defs.filter((d) => (size.get(d.name)?.n ?? 0) <= chunk);
  }
  const sums = new Map<string, { n: bigint; h: bigint }>();
  const add = (rows: Record<string, unknown>[]) => {
    for (const r of rows) {
      const s = sums.get(String(r.name)) ?? { n: 0n, h: 0n };
      sums.set(String(r.name), { n: s.n + BigInt(String(r.n)), h: s.h + BigInt(String(r.h)) });
    }
  };
  if (small.length) {
    await pause?.();
    add(await queryRows(db, small.map((d) => sigSql(d)).join(' UNION ALL ')));
  }
  for (const { def, maxRowid } of big) {
    for (let from = 0; from <= maxRowid; from += chunk) {
      await pause?.();
      add(await queryRows(db, sigSql(def, `WHERE rowid >= ${from} AND rowid < ${from + chunk}`)));
    }
  }
  for (const d of defs) {
    const s = sums.get(d.name) ?? { n: 0n, h: 0n };
    out.set(d.name, `${s.n}:${s.h}`);
  }
  return out;
}

/** Drops every table of the analysis, configuration included ("Slet alle data"). */
export async function dropWorkspaceTables(db: DbConnector): Promise<void> {
  for (const t of await workspaceTables(db)) await db.exec(`DROP TABLE ${t.temporary ? 'temp.' : ''}${quoteIdent(t.name)}`);
}
