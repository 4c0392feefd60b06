import type { DbConnector } from '../../db/connector.js';
import { list, sql } from '../../sql/escape.js';
import { ensureSupplierTables } from '../../suppliers/tables.js';
import { defaultCategoryTree, type CategoryTree } from '../../taxonomy/category-tree.js';
import { categoryWithChildren } from '../../taxonomy/tree-edits.js';
import { classifiedLinesSql } from '../fragmentation/classified.js';

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

/** Columns of the scoped lines (see scopedLinesSql). */
export const SCOPED_COLUMNS =
  'line_id, file, "row", source_kind, document_id, date, amount, currency, unit, supplier_key, supplier_name, account, description, category_id';

function categoryCondition(categoryId: string | null | undefined, tree: CategoryTree | undefined): string {
  if (categoryId === undefined) return 'TRUE';
  if (categoryId === null) return 'cls.category_id IS NULL';
  // A moved level-2 category keeps its id, so children come from the tree; unknown ids by prefix.
  if (tree?.categories.some((c) => c.id === categoryId)) return sql`cls.category_id IN (${list(categoryWithChildren(tree, categoryId))})`;
  return sql`(cls.category_id = ${categoryId} OR starts_with(cls.category_id, ${`${categoryId}.`}))`;
}

/**
 * SQL (a SELECT) for the counted lines in scope, with the category each line is classified to
 * (only decisions count: a learned suggestion nobody accepted is unclassified, as in the analysis)
 * and the effective supplier key. Ensures the supplier tables exist.
 */
export async function scopedLinesSql(db: DbConnector, scope: DrillScope): Promise<string> {
  await ensureSupplierTables(db);
  const where = scope.where?.trim() ? `counted AND (${scope.where})` : 'counted';
  const supplier = scope.supplierKey === undefined ? 'TRUE' : sql`coalesce(mm.to_key, b.supplier_key) = ${scope.supplierKey}`;
  const unit = scope.unit === undefined ? 'TRUE' : sql`b.unit = ${scope.unit}`;
  return `
    SELECT b.line_id, b.file, b."row", b.source_kind, b.document_id,
           coalesce(b.document_date, b.posting_date) AS date, b.amount, b.currency, b.unit,
           coalesce(mm.to_key, b.supplier_key) AS supplier_key, b.supplier_name, b.account, b.description,
           cls.category_id
      FROM (SELECT * FROM spend_line WHERE ${where}) b
      LEFT JOIN (${await classifiedLinesSql(db)}) cls ON cls.line_id = b.line_id
      LEFT JOIN supplier_merge_map mm ON mm.from_key = b.supplier_key
     WHERE ${categoryCondition(scope.categoryId, scope.tree ?? defaultCategoryTree())} AND ${supplier} AND ${unit}`;
}

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
