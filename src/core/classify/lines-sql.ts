// The line table and the value dictionary: every field a rule or the model reads becomes, per line, a
// 64-bit hash of its raw columns (cls_line), and, per distinct value, its normalised text (cls_dict).
// Lines then meet rule decisions through integer joins, and strings are handled once per value.
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal, quoteIdent } from '../sql/escape.js';
import { ART_FIELD, columnField, fieldColumns, fieldHashSql, fieldSql, hashColumn, type Field } from './text-sql.js';

/** The fields the learned model reads, always in the line table. */
export const MODEL_FIELDS: readonly Field[] = [columnField('description'), columnField('supplier_key'), ART_FIELD, columnField('unit')];

/** cls_line(line_id, "h:<field>"...): one pass over spend_line computing hashes only. */
export async function buildLineTable(db: DbConnector, fields: readonly Field[]): Promise<void> {
  const cols = fields.map((f) => `${fieldHashSql(f)} AS ${hashColumn(f)}`).join(', ');
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_line AS SELECT l.line_id${cols ? `, ${cols}` : ''} FROM spend_line l`);
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE cls_line_meta AS
     SELECT count(*) AS n, max(line_id) AS mx, ${literal(JSON.stringify(fields))} AS fields FROM spend_line`,
  );
}

/** What the last full run left for incremental work: hashed fields, filtered fields, tokenised fields. */
export interface FullRunState {
  fields: Field[];
  filtered: Field[];
  words: Field[];
}

/** Records which dictionary fields are filtered and which fields the full run tokenised. */
export async function saveDictMeta(db: DbConnector, filtered: readonly Field[], words: readonly Field[]): Promise<void> {
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_dict_meta AS SELECT ${literal(JSON.stringify(filtered))} AS filtered, ${literal(JSON.stringify(words))} AS words`);
}

/** The last full run's state when cls_line is still in step with spend_line (same count and last id); else null. */
export async function fullRunState(db: DbConnector): Promise<FullRunState | null> {
  // Empty stand-ins when no full run left them (then no row below), instead of asking duckdb_tables():
  // that took 35–75 ms of a rule edit in the browser at 1M lines (3 ms in Node).
  await db.exec(
    `CREATE TEMP TABLE IF NOT EXISTS cls_line_meta (n BIGINT, mx BIGINT, fields VARCHAR);
     CREATE TEMP TABLE IF NOT EXISTS cls_dict_meta (filtered VARCHAR, words VARCHAR)`,
  );
  const [row] = await queryRows(
    db,
    `SELECT m.fields, d.filtered, d.words, m.n = s.n AND m.mx IS NOT DISTINCT FROM s.mx AS fresh
       FROM cls_line_meta m, cls_dict_meta d, (SELECT count(*) AS n, max(line_id) AS mx FROM spend_line) s`,
  );
  if (!row?.fresh) return null;
  const list = (v: unknown): Field[] => JSON.parse(String(v)) as Field[];
  return { fields: list(row.fields), filtered: list(row.filtered), words: list(row.words) };
}

/**
 * cls_dict(field, h, val): the distinct values of the fields with their hash and normalised text.
 * `full` fields come from one grouping-sets scan; `filtered` fields (read by exact rules only, such as
 * a line id for manual overrides) keep just the values some rule in `rt` names. `where` restricts the
 * lines (e.g. to one line for an explanation).
 */
export async function buildDict(db: DbConnector, full: readonly Field[], filtered: readonly Field[], rt: string, where = '', table = 'cls_dict'): Promise<void> {
  const parts: string[] = [];
  if (full.length) {
    const cols = [...new Set(full.flatMap(fieldColumns))];
    const flags = cols.map((c, i) => `grouping(${quoteIdent(c)}) AS g${i}`).join(', ');
    const inSet = (f: Field): string => {
      const mine = new Set(fieldColumns(f));
      return cols.map((c, i) => `g${i} = ${mine.has(c) ? 0 : 1}`).join(' AND ');
    };
    const sets = full.map((f) => `(${fieldColumns(f).map(quoteIdent).join(', ')})`).join(', ');
    await db.exec(
      `CREATE OR REPLACE TEMP TABLE cls_dict_g AS
       SELECT ${cols.map(quoteIdent).join(', ')}, ${flags} FROM spend_line l ${where} GROUP BY GROUPING SETS (${sets})`,
    );
    for (const f of full) parts.push(`SELECT ${literal(f)} AS field, ${fieldHashSql(f, 'g')} AS h, ${fieldSql(f, 'g')} AS val FROM cls_dict_g g WHERE ${inSet(f)}`);
  }
  for (const f of filtered) {
    const cols = fieldColumns(f).map((c) => `l.${quoteIdent(c)}`).join(', ');
    parts.push(
      `SELECT ${literal(f)} AS field, ${fieldHashSql(f, 'l')} AS h, ${fieldSql(f, 'l')} AS val
         FROM (SELECT DISTINCT ${cols} FROM spend_line l ${where ? `${where} AND` : 'WHERE'}
               ${fieldSql(f, 'l')} IN (SELECT norm FROM ${rt} WHERE field = ${literal(f)} AND rk IS NOT NULL)) l`,
    );
  }
  const body = parts.length ? parts.map((p) => `SELECT * FROM (${p})`).join(' UNION ALL ') : `SELECT NULL::VARCHAR AS field, NULL::UBIGINT AS h, NULL::VARCHAR AS val WHERE FALSE`;
  await db.exec(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS SELECT * FROM (${body}) WHERE val IS NOT NULL`);
  await db.exec('DROP TABLE IF EXISTS cls_dict_g');
}

/** cls_val: the dictionary entries of the lines in cls_scope (through their hashes in cls_line). */
export async function scopedValues(db: DbConnector, fields: readonly Field[]): Promise<void> {
  // The scope's lines out of cls_line once: one scan of 1M rows instead of one per field.
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_line_s AS SELECT * FROM cls_line SEMI JOIN cls_scope USING (line_id)`);
  const keys = fields.length
    ? fields.map((f) => `SELECT DISTINCT ${literal(f)} AS field, ${hashColumn(f)} AS h FROM cls_line_s`).join(' UNION ALL ')
    : `SELECT NULL::VARCHAR AS field, NULL::UBIGINT AS h WHERE FALSE`;
  await db.exec(`CREATE OR REPLACE TEMP TABLE cls_val AS SELECT d.* FROM cls_dict d SEMI JOIN (${keys}) k ON k.field = d.field AND k.h = d.h`);
}
