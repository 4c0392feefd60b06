import type { DbConnector } from '../../db/connector.js';
import { list, quoteIdent, sql } from '../../sql/escape.js';
import { ensureSupplierTables } from '../../suppliers/tables.js';
import { defaultCategoryTree, type CategoryTree } from '../../taxonomy/category-tree.js';
import { categoryWithChildren } from '../../taxonomy/tree-edits.js';
import { groupedCondition, withSharedLines } from '../fragmentation/lines.js';
import { preparedCondition, TOP_LINES_PER_CATEGORY } from '../fragmentation/shared-lines-sql.js';
import { monthsAndUnit } from '../filters-sql.js';
import { withScopeTable } from './scope-table.js';

/**
 * What a drill-down looks at: the global filters (`where`, e.g. filtersWhere(filters)), optionally
 * one category (a level-1 id also selects its level-2 children; `null` = unclassified lines) and
 * optionally one supplier (an effective key: accepted merges applied).
 */
export interface DrillScope {
  where?: string;
  /** undefined: every category; null: the unclassified lines; an id: that category and its children. */
  categoryId?: string | null;
  supplierKey?: string;
  /** One organisational unit (on top of the global filters). */
  unit?: string;
  /** The workspace's tree: a level-1 id selects its children by parent link, and names come from it. Default: the default tree. */
  tree?: CategoryTree;
}

/** Columns of the scoped lines (see withScopedLines). `doc`: file id and document number (one invoice). */
export const SCOPED_COLUMNS = 'line_id, file_id, source_kind, doc, date, amount, currency, unit, supplier_key, supplier_name, category_id';

function categoryCondition(categoryId: string | null | undefined, tree: CategoryTree | undefined): string {
  if (categoryId === undefined) return 'TRUE';
  if (categoryId === null) return 'category_id IS NULL';
  // A moved level-2 category keeps its id, so children come from the tree; unknown ids by prefix.
  if (tree?.categories.some((c) => c.id === categoryId)) return sql`category_id IN (${list(categoryWithChildren(tree, categoryId))})`;
  return sql`(category_id = ${categoryId} OR starts_with(category_id, ${`${categoryId}.`}))`;
}

/** The invoice's own columns from spend_line (as `s`), which the shared lines table does not carry (the line page shows them). */
const DETAIL_COLUMNS = 's.file, s."row", s.document_id, s.account, s.description';

/** `linesSql`'s lines with the invoice's own columns (DETAIL_COLUMNS) from spend_line. */
export const withDetailSql = (linesSql: string) =>
  `SELECT l.*, ${DETAIL_COLUMNS} FROM (${linesSql}) l JOIN spend_line s ON s.line_id = l.line_id`;

/** Runs `use` with SQL for every line in scope with the invoice's own columns (see withScopedLines). */
export type ScopeDetail = <R>(use: (detailSql: string) => Promise<R>) => Promise<R>;

/**
 * Runs `fn` with SQL (a SELECT of SCOPED_COLUMNS) for the counted lines in scope, each with the category
 * it is classified to (only decisions count: a learned suggestion nobody accepted is unclassified, as in
 * the analysis) and the effective supplier key. The lines come from the analysis's shared prepared table
 * (built once per state of the data), so a drill-down or a page of lines does not re-join 1M lines with
 * their classification and merges; the SQL is valid only inside `fn`. Ensures the supplier tables exist.
 *
 * A narrowed scope (a category, a supplier or a unit) is read from a kept copy of its lines (scope-table.ts).
 * `detail` gives every line in scope with the invoice's own columns, for a search or a sort on them: a
 * narrowed scope's are kept too, made when first asked for. The copy itself leaves them out: joining
 * spend_line's text columns for a large category's scattered lines was 0.11–0.17 s of its 0.25–0.3 s at
 * 1M lines, and a page joins them for its own lines only. `names`: each supplier's most frequent spelling
 * over all lines (lines.ts), as the screens name suppliers. What the shared groups answer reads
 * withScopeQuery instead, which copies nothing.
 */
export async function withScopedLines<T>(
  db: DbConnector, scope: DrillScope, fn: (linesSql: string, detail: ScopeDetail, names: string) => Promise<T>,
): Promise<T> {
  await ensureSupplierTables(db);
  return withSharedLines(db, scope.tree, async (table, lines) => {
    const linesSql = sharedScopeSql(table, scope);
    const names = await lines.supplierNames();
    if (!isNarrowed(scope)) return fn(linesSql, (use) => use(withDetailSql(linesSql)), names);
    const keptDetail: ScopeDetail = (use) => withScopeTable(db, table, withDetailSql(linesSql), (kept) => use(`SELECT * FROM ${quoteIdent(kept)}`));
    return withScopeTable(db, table, linesSql, (kept) => fn(`SELECT ${SCOPED_COLUMNS} FROM ${quoteIdent(kept)}`, keptDetail, names));
  });
}

const isNarrowed = (scope: DrillScope) => scope.categoryId !== undefined || scope.supplierKey !== undefined || scope.unit !== undefined;

/** The scope's lines (SCOPED_COLUMNS) read straight from the shared table `table`. */
function sharedScopeSql(table: string, scope: DrillScope): string {
  const raw = scope.where?.trim();
  const where = raw ? (preparedCondition(raw) ?? `line_id IN (SELECT line_id FROM spend_line WHERE counted AND (${raw}))`) : 'TRUE';
  return `
      SELECT ${SCOPED_COLUMNS} FROM ${quoteIdent(table)}
       WHERE (${where}) AND ${narrowing(scope)}`;
}

/** The scope's own narrowing (category, supplier, unit) over columns the shared table and its groups both have. */
function narrowing(scope: DrillScope): string {
  const supplier = scope.supplierKey === undefined ? 'TRUE' : sql`supplier_key = ${scope.supplierKey}`;
  const unit = scope.unit === undefined ? 'TRUE' : sql`unit = ${scope.unit}`;
  return `${categoryCondition(scope.categoryId, scope.tree ?? defaultCategoryTree())} AND ${supplier} AND ${unit}`;
}

/** What a scope's figures read without copying its lines (see withScopeQuery). */
export interface ScopeQuery {
  /** The scope's lines (SCOPED_COLUMNS), read straight from the shared table: for a page of them (ORDER BY … LIMIT). */
  linesSql: string;
  /**
   * The scope's lines grouped by category_id, supplier_key, unit, month and addressable, with `spend` and
   * `lines`, from the shared groups (AnalysisLines.groups); undefined when the global filter is not one those
   * groups answer (anything but whole months and a unit).
   */
  groupsSql?: string;
  /** Table of (supplier_key, name): each supplier's most frequent spelling over all lines (lines.ts). */
  names: string;
  /**
   * SQL for the scope's first `limit` lines in a page's default order (amount DESC, line_id DESC) with the
   * invoice's own columns, read from the kept top lines of each category or supplier (AnalysisLines.topLines) instead of
   * 1M lines; each row has `complete`, true when they are the scope's first lines under the filter (every
   * category in scope has all its lines there, or at least `limit` that pass). Undefined for a scope those
   * cannot answer: more than a page, a filter over columns the shared table lacks, or a supplier's before idle
   * time made the suppliers' top lines (AnalysisLines.supplierTopLines).
   */
  topPageSql(limit: number): Promise<string | undefined>;
}

/**
 * Runs `fn` with SQL for the scope that copies nothing (see ScopeQuery): a category's drill-down and
 * its first page then read the groups and the shared table instead of copying the category's
 * scattered lines out of 1M (0.13–0.16 s in the app). Ensures the supplier tables exist.
 */
export async function withScopeQuery<T>(db: DbConnector, scope: DrillScope, fn: (query: ScopeQuery) => Promise<T>): Promise<T> {
  await ensureSupplierTables(db);
  return withSharedLines(db, scope.tree, async (table, lines) => {
    const raw = scope.where?.trim();
    const simple = !raw || raw === 'counted' ? { months: { from: null, to: null }, unit: null } : monthsAndUnit(raw);
    const groupsSql = simple ? `SELECT * FROM ${quoteIdent(await lines.groups())} WHERE ${groupedCondition(simple)} AND ${narrowing(scope)}` : undefined;
    const topPageSql = async (limit: number) => {
      const condition = raw ? preparedCondition(raw) : 'TRUE';
      if (condition === null || limit > TOP_LINES_PER_CATEGORY) return undefined;
      const category = categoryCondition(scope.categoryId, scope.tree ?? defaultCategoryTree());
      const unit = scope.unit === undefined ? 'TRUE' : sql`unit = ${scope.unit}`;
      if (scope.supplierKey === undefined) return topPage(quoteIdent(await lines.topLines()), 'category_id', category, `(${condition}) AND ${unit}`, limit);
      // A supplier's (in a category or not): from its kept top lines once idle time made them.
      const kept = await lines.supplierTopLines();
      if (kept === undefined) return undefined;
      return topPage(quoteIdent(kept), 'supplier_key', sql`supplier_key = ${scope.supplierKey}`, `(${condition}) AND ${category} AND ${unit}`, limit);
    };
    return fn({ linesSql: sharedScopeSql(table, scope), ...(groupsSql !== undefined ? { groupsSql } : {}), names: await lines.supplierNames(), topPageSql });
  });
}

/**
 * The first `limit` lines that pass `keep` of the parts `part` selects (values of `by`) from their kept top
 * lines `t`, in a page's default order, each with `complete`: true when they are those parts' first lines
 * under `keep` (every part has all its lines in `t`, or at least `limit` there that pass). The top lines
 * hold each part's first lines in this order, so those that pass come before any line left out.
 */
const topPage = (t: string, by: string, part: string, keep: string, limit: number) => `
        WITH p AS (SELECT any_value(part_lines) AS n, count(*) FILTER (WHERE ${keep}) AS hits FROM ${t} WHERE ${part} GROUP BY ${by}),
        ok AS (SELECT coalesce(bool_and(n <= ${TOP_LINES_PER_CATEGORY} OR hits >= ${limit}), TRUE) AS complete FROM p)
        SELECT l.* EXCLUDE (part_lines), ok.complete FROM ${t} l, ok
         WHERE ${part} AND ${keep} ORDER BY amount DESC NULLS LAST, line_id DESC LIMIT ${limit}`;

export interface CategoryName {
  da: string;
  en: string;
}

const UNCLASSIFIED: CategoryName = { da: 'Ikke klassificeret', en: 'Unclassified' };

/** Looks up category names in the tree; unknown ids are shown as they are, null as unclassified. */
export function categoryNamer(tree: CategoryTree = defaultCategoryTree()): (id: string | null) => CategoryName {
  const names = new Map(tree.categories.map((c) => [c.id, c.name]));
  return (id) => (id === null ? UNCLASSIFIED : (names.get(id) ?? { da: id, en: id }));
}

/** Clamps a caller's number to a whole number in [min, max]. */
export function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  const n = value === undefined || !Number.isFinite(value) ? fallback : Math.floor(value);
  return Math.min(max, Math.max(min, n));
}
