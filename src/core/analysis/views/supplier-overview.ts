import type { DbConnector } from '../../db/connector.js';
import { queryRows } from '../../db/rows.js';
import { literal } from '../../sql/escape.js';
import type { CvrStatus } from '../../suppliers/tables.js';
import type { CategoryTree } from '../../taxonomy/category-tree.js';
import { categoryNamer, clampInt, withScopedLines, withScopeQuery, type CategoryName, type DrillScope } from './scope.js';
import { sortSet } from './sort.js';

/**
 * The supplier screen's list under the global filters: one row per effective supplier (CVR key,
 * or name key, with the keys a person merged into it), its spend, lines, units and categories in
 * the filtered lines, and from the supplier table its CVR status and number of name spellings.
 */

export const SUPPLIER_SORTS = ['name', 'cvr', 'variants', 'spend', 'lines', 'units', 'categories'] as const;
export type SupplierSort = (typeof SUPPLIER_SORTS)[number];

const SORTS = sortSet(SUPPLIER_SORTS, { name: 'lower(name)' });

export const isSupplierSort = SORTS.is;

export interface SupplierOverviewRow {
  key: string;
  name: string;
  cvr: string | null;
  /** null when the supplier table has no row for the key (suppliers not built yet). */
  cvrStatus: CvrStatus | null;
  /** Distinct spellings of the name over the key and every key merged into it. */
  variants: number;
  /** Raw keys merged into this one. */
  merged: number;
  spend: number;
  lines: number;
  units: number;
  categories: number;
  topCategoryId: string | null;
  topCategoryName: CategoryName;
}

export interface SupplierOverviewRequest {
  where?: string;
  /** Case-insensitive text in any name spelling, the key or the CVR number. */
  search?: string;
  sort?: SupplierSort;
  desc?: boolean;
  limit?: number;
  signal?: AbortSignal;
  /** The workspace's tree, for category names (default: the default tree). */
  tree?: CategoryTree;
}

export interface SupplierOverview {
  rows: SupplierOverviewRow[];
  /** Suppliers matching (all of them, not only the rows returned). */
  total: number;
}

const META_SQL = `
  SELECT s.effective_key AS key, count(*) - 1 AS merged,
         list_distinct(flatten(list(list_transform(coalesce(s.variants, []), v -> v.name)))) AS names
    FROM supplier s GROUP BY s.effective_key`;

export async function loadSupplierOverview(db: DbConnector, request: SupplierOverviewRequest = {}): Promise<SupplierOverview> {
  const signal = request.signal;
  const sort = request.sort && isSupplierSort(request.sort) ? request.sort : 'spend';
  const desc = request.desc ?? (sort !== 'name' && sort !== 'cvr');
  // Up to a whole sheet for exports; the screen asks for a few hundred.
  const limit = clampInt(request.limit, 500, 1, 1_048_575);
  const needle = request.search?.trim().toLowerCase();
  const search = needle
    ? `WHERE contains(lower(key), ${literal(needle)}) OR contains(coalesce(cvr, ''), ${literal(needle)})
          OR contains(lower(name), ${literal(needle)}) OR len(list_filter(names, n -> contains(lower(n), ${literal(needle)}))) > 0`
    : '';
  // The spellings come from one row per key and spelling (kn), not a list of every line's name: at
  // 1M lines the list and mode() over the lines were 0.3 of the query's 0.5 s. The lines' own
  // spelling is only the fallback name for a key the supplier table lacks: its most frequent, ties to the last alphabetically.
  const rows = await withScopedLines(db, { where: request.where, tree: request.tree }, (linesSql) => queryRows(
    db,
    `WITH l AS (${linesSql}),
     kc AS (SELECT supplier_key AS key, category_id, sum(amount) AS spend FROM l GROUP BY ALL),
     c AS (SELECT key, count(category_id) AS categories, arg_max(category_id, spend) FILTER (WHERE category_id IS NOT NULL) AS top_category
             FROM kc GROUP BY key),
     kn AS (SELECT supplier_key AS key, supplier_name, count(*) AS n FROM l WHERE supplier_name IS NOT NULL GROUP BY ALL),
     nm AS (SELECT key, arg_max(supplier_name, (n, supplier_name)) AS line_name, list(supplier_name) AS line_names FROM kn GROUP BY key),
     g0 AS (SELECT supplier_key AS key, sum(amount) AS spend, count(*) AS lines, count(DISTINCT unit) AS units FROM l GROUP BY 1),
     g AS (SELECT g0.*, nm.line_name, nm.line_names FROM g0 LEFT JOIN nm USING (key)),
     x AS (
       SELECT g.key, coalesce(r.display_name, g.line_name, g.key) AS name, r.cvr, r.cvr_status,
              coalesce(m.names, g.line_names) AS names, len(coalesce(m.names, g.line_names)) AS variants,
              coalesce(m.merged, 0) AS merged, g.spend::DECIMAL(18,2) AS spend, g.lines, g.units,
              coalesce(c.categories, 0) AS categories, c.top_category
         FROM g LEFT JOIN supplier r ON r.key = g.key LEFT JOIN (${META_SQL}) m ON m.key = g.key LEFT JOIN c ON c.key = g.key)
     SELECT *, count(*) OVER () AS total FROM x ${search}
      ORDER BY ${SORTS.sql(sort)} ${desc ? 'DESC' : 'ASC'} NULLS LAST, key LIMIT ${limit}`,
    { signal },
  ));
  const name = categoryNamer(request.tree);
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.map((r) => ({
      key: String(r.key),
      name: String(r.name),
      cvr: r.cvr === null ? null : String(r.cvr),
      cvrStatus: r.cvr_status === null ? null : (String(r.cvr_status) as CvrStatus),
      variants: Number(r.variants),
      merged: Number(r.merged),
      spend: Number(r.spend),
      lines: Number(r.lines),
      units: Number(r.units),
      categories: Number(r.categories),
      topCategoryId: r.top_category === null ? null : String(r.top_category),
      topCategoryName: name(r.top_category === null ? null : String(r.top_category)),
    })),
  };
}

export interface SupplierBreakdown {
  spend: number;
  lines: number;
  byCategory: { categoryId: string | null; name: CategoryName; spend: number; share: number; lines: number }[];
  byUnit: { unit: string | null; spend: number; share: number; lines: number }[];
}

/** One supplier's spend by category and by unit under the global filters. */
export async function loadSupplierBreakdown(
  db: DbConnector,
  scope: DrillScope & { supplierKey: string },
  signal?: AbortSignal,
): Promise<SupplierBreakdown> {
  // `l` holds lines (n = 1) or, under whole months and a unit, the groups kept with the shared lines (nothing copied).
  // The two sent together (see drill.ts).
  const read = (cte: string) => Promise.all([queryRows(
    db,
    `${cte} SELECT category_id, sum(amount)::DECIMAL(18,2) AS spend, sum(n)::BIGINT AS lines FROM l
              GROUP BY 1 ORDER BY spend DESC, category_id NULLS LAST`,
    { signal },
  ), queryRows(
    db,
    `${cte} SELECT unit, sum(amount)::DECIMAL(18,2) AS spend, sum(n)::BIGINT AS lines FROM l GROUP BY 1 ORDER BY spend DESC, unit NULLS LAST`,
    { signal },
  )]);
  const [byCategory, byUnit] =
    (await withScopeQuery(db, scope, async ({ groupsSql }) =>
      groupsSql === undefined ? undefined : read(`WITH l AS (SELECT category_id, unit, spend AS amount, lines AS n FROM (${groupsSql}))`))) ??
    (await withScopedLines(db, scope, (linesSql) => read(`WITH l AS (SELECT category_id, unit, amount, 1 AS n FROM (${linesSql}))`)));
  const spend = Math.round(byUnit.reduce((a, r) => a + Number(r.spend) * 100, 0)) / 100;
  const lines = byUnit.reduce((a, r) => a + Number(r.lines), 0);
  const share = (v: number) => (spend !== 0 ? v / spend : 0);
  const name = categoryNamer(scope.tree);
  return {
    spend,
    lines,
    byCategory: byCategory.map((r) => {
      const id = r.category_id === null ? null : String(r.category_id);
      return { categoryId: id, name: name(id), spend: Number(r.spend), share: share(Number(r.spend)), lines: Number(r.lines) };
    }),
    byUnit: byUnit.map((r) => ({
      unit: r.unit === null ? null : String(r.unit),
      spend: Number(r.spend),
      share: share(Number(r.spend)),
      lines: Number(r.lines),
    })),
  };
}
