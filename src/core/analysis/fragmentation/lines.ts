import { baseConnector } from '../../db/abortable.js';
import { keptTableExists, untilWritten } from '../../db/write-count.js';
import type { DbConnector } from '../../db/connector.js';
import { queryRows } from '../../db/rows.js';
import { quoteIdent, sql } from '../../sql/escape.js';
import { ensureAgreementsMapped } from '../../agreements/map.js';
import { AGREEMENT_SUPPLIERS_SQL, EFFECTIVE_AGREEMENT_CATEGORIES_SQL } from '../../agreements/schema.js';
import { defaultCategoryTree, type CategoryTree } from '../../taxonomy/category-tree.js';
import { sharedCategoryTable } from './category-table.js';
import { groupsSql, preparedCondition, sharedLinesSql, supplierTopLinesSql, topLinesSql } from './shared-lines-sql.js';
import { dataFingerprint } from './data-fingerprint.js';
import { monthBounds, monthsAndUnit, type MonthRange } from '../filters-sql.js';
import { classifiedLinesSql } from './classified.js';
import { spellingSql } from '../../suppliers/spelling.js';
import { sharedEnumsReplace } from './shared-enums.js';
import { countOf, sharedLineCounts } from './line-counts.js';

/**
 * The lines an analysis works on, prepared once per analysis (filters applied) as a temporary
 * table, so the metrics and the opportunities read one narrow table instead of re-joining
 * spend_line, classification, merges and contracts for every figure: line_id, source_kind, doc
 * (file:document), date, month, amount, currency, unit, supplier_key (merges applied), supplier_name,
 * category_id, cat1, cat2, addressable, via_ecommerce, item_number, item_price, item_qty, has_agreement,
 * on_contract (the texts with few values as ENUMs, shared-enums.ts). Only counted lines (an e-commerce
 * line also invoiced counts once, on the invoice). `classification` is input: one category per line
 * (the most confident row if there are several; learned suggestions nobody accepted do not count).
 */

export interface AnalysisOptions {
  /** A condition over spend_line columns (e.g. filtersWhere(filters)); `counted` is always added. */
  where?: string;
  tree?: CategoryTree;
}

export interface AnalysisLines {
  /** Temporary table (or view) with the prepared lines; read-only, and it may be shared with other readers. */
  table: string;
  /** A name unique to this preparation, as a prefix for the caller's own temporary tables. */
  scratch: string;
  /**
   * Stands for the content of `table` and `categories` (the shared table's name, the filter and the tree):
   * equal keys, equal lines. Read-only figures over them may be memoised by it (see memo.ts). It names
   * the table it was made for, so a copy of these options with another table (`{ ...lines, table }`) has none.
   * `shared` stands for the shared table's state and the tree alone, whatever the filter: with the
   * identity of the rows a figure reads, it memoises figures that other filters reach too (memoByRows).
   */
  contentKey?: { table: string; key: string; shared: string };
  /** Temporary table with the category tree (id, parent, level, name_da, name_en, addressable, regime). */
  categories: string;
  /** True when a filter picked these lines out of the workspace's counted lines (false: all of them). */
  filtered: boolean;
  tree: CategoryTree;
  /** True when a contract register is loaded (the contract table has rows). */
  hasContracts: boolean;
  /**
   * A table of (supplier_key, name): each supplier's most frequent spelling over all the workspace's
   * counted lines (merges applied), whatever the filter. Built once per state of the data and shared,
   * valid until close().
   */
  supplierNames(): Promise<string>;
  /**
   * Set when these lines are all of the workspace's counted lines dated in whole months, of one unit, or
   * both (what filtersWhere writes for a period from a month's first day to a month's last day, either end
   * open, and a unit; see monthsAndUnit): the shared groups (`groups`) answer for them with
   * `monthBounds(months)` and, with a unit, `unit = …`.
   */
  grouped?: { months: MonthRange; unit: string | null };
  /**
   * The whole shared table grouped by category_id, supplier_key, unit, month and addressable, with `spend`,
   * `lines`, `first_date` and `last_date` (100k groups for 1M lines, built in ~0.15 s in DuckDB-WASM): made
   * once per state of the data (on the base connector, so a cancelled screen does not leave it half made)
   * and kept with the shared table. The overview's spend figures, a drill-down's and the share a filter
   * keeps read it instead of the lines.
   */
  groups(): Promise<string>;
  /** Each category's first page of lines (AnalysisLines' own table kept with it, see topLinesSql), built when first asked for. */
  topLines(): Promise<string>;
  /**
   * Each supplier's first page of lines (see supplierTopLinesSql) when idle time has made them (warmTopLines),
   * else undefined: never built here, as a first click would wait ~0.5 s at 1M lines for what the shared
   * table answers in ~0.15 s.
   */
  supplierTopLines(): Promise<string | undefined>;
  close(): Promise<void>;
}

/** The condition on the shared groups that keeps the lines of `grouped` (AnalysisLines.grouped). */
export function groupedCondition(grouped: { months: MonthRange; unit: string | null }): string {
  return `${monthBounds(grouped.months)}${grouped.unit === null ? '' : sql` AND unit = ${grouped.unit}`}`;
}

/** A filter keeping at least this share of the lines reads them through a view instead of a copy (see prepare). */
const VIEW_MIN_SHARE = 0.5;

let counter = 0;
const uid = () => `${Date.now().toString(36)}_${(counter++).toString(36)}`;

/**
 * The prepared lines of the whole workspace, built once per state of their inputs and shared: a
 * filter change then copies its subset (a semi-join on spend_line) instead of re-joining 1M lines
 * with classification, merges and agreements (2.7 of 5.5 s of the overview at 1M lines, Node-WASM).
 * The fingerprint covers every input: the lines, the decisions, merges, the register, the agreement
 * mapping and the tree, so a stale table is never read.
 */
interface FullLines {
  fingerprint: string;
  /** The data part of the fingerprint (without the tree). */
  data: string;
  table: string;
  hasContracts: boolean;
  readers: number;
  stale: boolean;
  /** Tables kept with it by name (the suppliers' spellings and the groups, see AnalysisLines.supplierNames and groups), built when first asked for. */
  aggregates: Map<string, Promise<string>>;
  /** Names of the aggregates whose table is made. */
  made: Set<string>;
}
interface FullState {
  current?: FullLines;
  building?: Promise<FullLines>;
  buildingFor?: string;
}
const fullStates = new WeakMap<DbConnector, FullState>();

/** The fingerprint of the data inputs (lines, decisions, merges, register, agreement mapping) and of the tree, apart. */
async function fingerprint(db: DbConnector, tree: CategoryTree): Promise<{ data: string; tree: string }> {
  // Read again only after a write (where the connector counts them: the app).
  const data = await untilWritten(db, 'prepared-lines-fingerprint', () => dataFingerprint(db));
  return { data, tree: JSON.stringify(tree.categories) };
}

async function dropFull(db: DbConnector, full: FullLines): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(full.table)}`).catch(() => undefined);
  for (const name of full.aggregates.keys()) await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(`${full.table}_${name}`)}`).catch(() => undefined);
}

/**
 * A table made from the whole shared table and kept with it (the spellings, the groups), built on
 * the base connector: a cancelled screen must not leave it half made for the others.
 */
function aggregateOf(db: DbConnector, full: FullLines, name: string, selectSql: (sharedTable: string) => string): Promise<string> {
  let made = full.aggregates.get(name);
  if (!made) {
    const table = `${full.table}_${name}`;
    made = baseConnector(db)
      .exec(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS ${selectSql(quoteIdent(full.table))}`)
      .then(() => {
        full.made.add(name);
        return table;
      });
    full.aggregates.set(name, made);
    made.catch(() => {
      if (full.aggregates.get(name) === made) full.aggregates.delete(name);
    });
  }
  return made;
}

/**
 * The suppliers' spellings over the whole shared table, kept with it: a filter change then joins a few
 * thousand names instead of grouping 750k lines by supplier and name (0.1–0.2 s at 1M lines).
 */
const namesOf = (db: DbConnector, full: FullLines): Promise<string> => aggregateOf(db, full, 'names', (t) => spellingSql(t));

/**
 * The shared full table for this state (built if needed; concurrent callers share one build). Release it after use.
 * `anyTree`: a reader of tree-independent columns only (category_id, supplier, amounts) takes the current table
 * whatever tree built it, so a drill-down without the workspace's tree does not rebuild it.
 */
async function acquireFull(db: DbConnector, tree: CategoryTree, categories: string, anyTree = false): Promise<FullLines> {
  // Shared by every (abortable) connector over the same database; the build others may wait for
  // runs on the base connector, so a superseded screen's cancel never fails it.
  const base = baseConnector(db);
  const state = fullStates.get(base) ?? {};
  fullStates.set(base, state);
  for (;;) {
    const parts = await fingerprint(db, tree);
    const fp = `${parts.data}|${parts.tree}`;
    const current = state.current;
    if (current && !current.stale && (current.fingerprint === fp || (anyTree && current.data === parts.data))) {
      // A rolled-back transaction can take a TEMP table with it: checked before use, again after any write.
      if (await keptTableExists(db, current.table)) {
        current.readers++;
        return current;
      }
      current.stale = true;
      // The build that made it is spent: without this the next asker, with the same fingerprint (a
      // transaction that changed nothing rolled back), waited for that build's gone table forever.
      if (state.buildingFor === current.fingerprint) state.building = state.buildingFor = undefined;
    }
    if (!state.building || state.buildingFor !== fp) {
      const previous = state.building ?? Promise.resolve(undefined);
      state.buildingFor = fp;
      const building = previous.catch(() => undefined).then(async () => {
        const made = await buildFull(base, tree, categories, fp, parts.data);
        const old = state.current;
        state.current = made;
        if (old && old !== made) {
          old.stale = true;
          if (old.readers === 0) await dropFull(base, old);
        }
        return made;
      });
      state.building = building;
      building.catch(() => {
        if (state.building === building) state.building = state.buildingFor = undefined;
      });
    }
    const made = await state.building;
    // Another state (or another tree's build chained after ours) may have replaced it meanwhile; then look again.
    if (!made.stale && (made.fingerprint === fp || (anyTree && made.data === parts.data))) {
      made.readers++;
      return made;
    }
  }
}

async function releaseFull(db: DbConnector, full: FullLines): Promise<void> {
  full.readers--;
  if (full.stale && full.readers === 0) await dropFull(baseConnector(db), full);
}

/**
 * From this many lines the shared table is kept in the workspace's compressed database (connector.ts)
 * instead of TEMP: measured at 1M lines in DuckDB-WASM, 282 MB plain and 16 MB compressed, built in
 * 0.46 s plain and 1.4 s compressed. Below it the time is kept; above it the plain table took the app
 * past DuckDB-WASM's 3.1 GiB after importing 4M lines (the screens ran out of memory).
 */
export const COMPRESSED_LINES_FROM = 2_000_000;

async function buildFull(db: DbConnector, tree: CategoryTree, categories: string, fp: string, data: string): Promise<FullLines> {
  const id = uid();
  const table = `_ovb_lines_all_${id}`;
  const agreements = `_ovb_agr_${id}`;
  const where = 'counted';
  const [contracts] = await queryRows(db, 'SELECT count(*) AS n FROM contract');
  const hasContracts = Number(contracts?.n ?? 0) > 0;
  // Agreements per level-2 category and supplier key (merges applied), through the agreement →
  // category mapping (src/core/agreements: a person's choice, else the automatic one); an agreement
  // on a level-1 category covers its level-2 categories. A few hundred rows, so the per-line checks stay cheap.
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ${quoteIdent(agreements)} AS
     SELECT DISTINCT cat.id AS cat2, cat.parent AS cat1, s.supplier_key AS key, s.valid_from, s.valid_to
       FROM (${AGREEMENT_SUPPLIERS_SQL}) s
       JOIN (${EFFECTIVE_AGREEMENT_CATEGORIES_SQL}) e USING (agreement_key)
       JOIN ${quoteIdent(categories)} cat ON cat.level = 2 AND (cat.id = e.category_id OR cat.parent = e.category_id)`,
  );
  const a = quoteIdent(agreements);
  // Without an agreement on any category (no register, or none mapped) no line can be bought on one:
  // the two checks, each a join of every line against the agreements, are left out (~0.5 s at 1M lines).
  const [agreementRows] = await queryRows(db, `SELECT count(*) AS n FROM ${a}`);
  const anyAgreement = Number(agreementRows?.n ?? 0) > 0;
  const [lineRows] = await queryRows(db, `SELECT count(*) AS n FROM spend_line`);
  const kind = Number(lineRows?.n ?? 0) >= COMPRESSED_LINES_FROM ? 'TABLE' : 'TEMP TABLE';
  const enums = await sharedEnumsReplace(db, categories);
  const build = async (cls: string) =>
    db.exec(`CREATE OR REPLACE ${kind} ${quoteIdent(table)} AS SELECT * ${enums} FROM (${sharedLinesSql({ cls, categories, agreements, anyAgreement, tree, where })})`);
  // The engine writes one decision per line, so the lines are joined to the decisions as they are:
  // picking the most confident of each line's rows grouped 1M rows by line (~0.25 s of ~0.6 s in
  // Node-WASM at 1M lines). Should a line have several accepted rows after all, the table has more rows
  // than the counted lines (one count each, from the tables' own metadata and one column): then it is
  // built again with the pick.
  await build(await classifiedLinesSql(db, { onePerLine: true }));
  const [check] = await queryRows(db, `SELECT (SELECT count(*) FROM ${quoteIdent(table)}) AS built, (SELECT count(*) FROM spend_line WHERE ${where}) AS counted`);
  if (Number(check?.built) !== Number(check?.counted)) await build(await classifiedLinesSql(db));
  await db.exec(`DROP TABLE ${a}`);
  return { fingerprint: fp, data, table, hasContracts, readers: 0, stale: false, aggregates: new Map(), made: new Set() };
}

const TOPS = {
  categories: ['tops', topLinesSql],
  suppliers: ['stops', supplierTopLinesSql],
} as const;

/**
 * Makes the kept top lines of each category (AnalysisLines.topLines) or each supplier (supplierTopLines) of
 * the shared table of this state of the data, if that table exists; never builds the table itself. True
 * when they are there. For idle time: a category's or a supplier's first click then reads them at once.
 */
export async function warmTopLines(db: DbConnector, of: keyof typeof TOPS = 'categories'): Promise<boolean> {
  const full = fullStates.get(baseConnector(db))?.current;
  if (!full || full.stale || full.data !== (await fingerprint(db, defaultCategoryTree())).data || !(await keptTableExists(db, full.table))) return false;
  full.readers++;
  try {
    const [name, selectSql] = TOPS[of];
    await aggregateOf(db, full, name, selectSql);
    return true;
  } finally {
    await releaseFull(db, full);
  }
}

export async function prepareAnalysisLines(db: DbConnector, options: AnalysisOptions = {}): Promise<AnalysisLines> {
  return prepare(db, options, false);
}

/**
 * The whole workspace's prepared lines for `fn`, read-only, whatever tree built them (for readers of
 * category_id, supplier, unit, dates and amounts: drill-downs, line pages, supplier views).
 */
export async function withSharedLines<T>(
  db: DbConnector, tree: CategoryTree | undefined, fn: (table: string, lines: AnalysisLines) => Promise<T>,
): Promise<T> {
  const lines = await prepare(db, { tree }, true);
  try {
    return await fn(lines.table, lines);
  } finally {
    await lines.close();
  }
}

async function prepare(db: DbConnector, options: AnalysisOptions, anyTree: boolean): Promise<AnalysisLines> {
  const tree = options.tree ?? defaultCategoryTree();
  // A mapping half written (it is deleted, then inserted) would be read by other screens: not cancelled.
  await ensureAgreementsMapped(baseConnector(db), tree);
  const id = uid();
  const categories = await sharedCategoryTable(db, tree);
  const full = await acquireFull(db, tree, categories, anyTree);
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await releaseFull(db, full);
  };
  const where = options.where?.trim();
  const sharedKey = `${full.table}\n${JSON.stringify(tree.categories)}`;
  const contentKey = (filter: string, table = full.table) => ({ table, key: `${full.table}\n${filter}\n${JSON.stringify(tree.categories)}`, shared: sharedKey });
  const supplierNames = () => namesOf(db, full);
  const groups = () => aggregateOf(db, full, 'groups', groupsSql);
  const topLines = () => aggregateOf(db, full, ...TOPS.categories);
  const supplierTopLines = () => (full.made.has(TOPS.suppliers[0]) ? aggregateOf(db, full, ...TOPS.suppliers) : Promise.resolve(undefined));
  const shared: AnalysisLines = {
    table: full.table, scratch: `_ovb_lines_${id}`, contentKey: contentKey(''), categories, filtered: false, tree, hasContracts: full.hasContracts,
    supplierNames, groups, topLines, supplierTopLines,
    close: release,
  };
  // No filter (every line in the shared table is counted): the shared table itself, read-only.
  if (!where || where === 'counted') return shared;
  const condition = preparedCondition(where);
  const grouped = condition !== null ? monthsAndUnit(condition) : null;
  if (condition !== null) {
    // Most of the lines (a period): a view, leased until closed. Copying 750k wide rows costs more than
    // the dozen scans that then filter them again; a small subset is copied (below).
    const view = `_ovb_lines_${id}`;
    try {
      // Whole months and a unit: counted from the shared groups' lines per unit and month (line-counts.ts).
      // Else a WHERE, not count(*) FILTER: the scan then filters (a unit: 12 instead of 66 ms in Node-WASM).
      const t = quoteIdent(full.table);
      const [m] = grouped
        ? [countOf(await sharedLineCounts(db, await groups()), grouped)]
        : await queryRows(db, `SELECT (SELECT count(*) FROM ${t} WHERE ${condition}) AS n, (SELECT count(*) FROM ${t}) AS total`);
      if (Number(m?.n ?? 0) >= VIEW_MIN_SHARE * Number(m?.total ?? 0)) {
        await db.exec(`CREATE OR REPLACE TEMP VIEW ${quoteIdent(view)} AS SELECT * FROM ${quoteIdent(full.table)} WHERE ${condition}`);
        return {
          ...shared,
          table: view,
          filtered: true,
          contentKey: contentKey(condition, view),
          ...(grouped ? { grouped } : {}),
          close: async () => {
            try {
              await db.exec(`DROP VIEW IF EXISTS ${quoteIdent(view)}`);
            } finally {
              await shared.close();
            }
          },
        };
      }
    } catch (error) {
      await shared.close();
      throw error;
    }
  }
  const table = `_ovb_lines_${id}`;
  // The subset is copied (the metrics and opportunities scan it a dozen times; a view would filter the
  // whole table each time): by the condition itself where the shared table carries its columns, else by a
  // semi-join on spend_line.
  const copied = condition ?? `line_id IN (SELECT line_id FROM spend_line WHERE counted AND (${where}))`;
  try {
    await db.exec(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS SELECT * FROM ${quoteIdent(full.table)} WHERE ${copied}`);
  } catch (error) {
    await shared.close();
    throw error;
  }
  // The shared table stays leased until close: the suppliers' names are those of all their lines.
  return {
    table, scratch: table, contentKey: contentKey(copied, table), categories, filtered: true, tree, hasContracts: full.hasContracts,
    supplierNames, groups, topLines, supplierTopLines, ...(grouped ? { grouped } : {}),
    close: async () => {
      try {
        await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
      } finally {
        await shared.close();
      }
    },
  };
}
