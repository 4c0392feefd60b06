import { quoteIdent } from '../../sql/escape.js';
import type { CategoryTree } from '../../taxonomy/category-tree.js';
import { nonAddressableAccountSql } from '../totals.js';

/**
 * What the analysis's shared table of lines holds (lines.ts builds and keeps it): the SELECT that makes
 * it, and which conditions over spend_line it answers as they are.
 */
export interface SharedLinesInput {
  /** A SELECT of (line_id, category_id): each line's decision. */
  cls: string;
  /** The category table of the workspace's tree (category-table.ts). */
  categories: string;
  /** The agreements per level-2 category and supplier key, valid from/to (a TEMP table lines.ts makes). */
  agreements: string;
  /** False when no category has an agreement: the two per-line agreement checks are left out. */
  anyAgreement: boolean;
  tree: CategoryTree;
  /** Which spend_line rows: `counted`. */
  where: string;
}

/**
 * A category id's level-2 and level-1 category (`cat2`, `cat1`) through the category table joined as
 * `cat` (an id the tree lacks: by its dots, as in the default tree).
 */
export function categoryLevelsSql(id: string): { cat2: string; cat1: string } {
  const level = `coalesce(cat.level, CASE WHEN contains(${id}, '.') THEN 2 ELSE 1 END)`;
  return {
    cat2: `CASE WHEN ${level} = 2 THEN ${id} END`,
    cat1: `CASE WHEN ${id} IS NULL THEN NULL WHEN ${level} = 1 THEN ${id} ELSE coalesce(cat.parent, split_part(${id}, '.', 1)) END`,
  };
}

export function sharedLinesSql({ cls, categories, agreements, anyAgreement, tree, where }: SharedLinesInput): string {
  const { cat1, cat2 } = categoryLevelsSql('cls.category_id');
  const a = quoteIdent(agreements);
  return `
     WITH cls AS (${cls}),
     eorders AS (SELECT DISTINCT order_ref FROM spend_line WHERE source_kind = 'ecommerce' AND order_ref IS NOT NULL),
     eitems AS (
       SELECT order_ref, amount, min(item_number) AS item_number, min(unit_price) AS item_price, min(quantity) AS item_qty
         FROM spend_line
        WHERE source_kind = 'ecommerce' AND NOT counted AND item_number IS NOT NULL AND order_ref IS NOT NULL
        GROUP BY order_ref, amount
       HAVING count(DISTINCT item_number) = 1 AND count(DISTINCT unit_price) = 1 AND count(DISTINCT quantity) = 1),
     base AS (
       SELECT line_id, source_kind, file_id, "row", document_id, document_date, posting_date, supplier_key, supplier_name,
              unit, amount, currency, order_ref, item_number, unit_price, quantity,
              ${nonAddressableAccountSql(tree)} AS nonaddr_account
         FROM spend_line WHERE ${where}),
     x AS (
       SELECT b.line_id, b.source_kind, b.file_id || ':' || coalesce(b.document_id, '#' || b."row") AS doc,
              coalesce(b.document_date, b.posting_date) AS date,
              date_trunc('month', coalesce(b.document_date, b.posting_date)) AS month,
              b.amount, b.currency, b.unit,
              coalesce(mm.to_key, b.supplier_key) AS supplier_key, b.supplier_name,
              b.file_id, b.document_date, b.posting_date,
              cls.category_id,
              ${cat2} AS cat2,
              ${cat1} AS cat1,
              NOT (b.nonaddr_account OR coalesce(NOT cat.addressable, FALSE)) AS addressable,
              (b.source_kind = 'ecommerce' OR b.order_ref IN (SELECT order_ref FROM eorders)) AS via_ecommerce,
              CASE WHEN b.source_kind = 'ecommerce' THEN b.item_number ELSE ei.item_number END AS item_number,
              CASE WHEN b.source_kind = 'ecommerce' THEN b.unit_price ELSE ei.item_price END AS item_price,
              CASE WHEN b.source_kind = 'ecommerce' THEN b.quantity ELSE ei.item_qty END AS item_qty
         FROM base b
         LEFT JOIN cls USING (line_id)
         LEFT JOIN ${quoteIdent(categories)} cat ON cat.id = cls.category_id
         LEFT JOIN supplier_merge_map mm ON mm.from_key = b.supplier_key
         -- Equality only: a left-side-only condition here made DuckDB fall back to a nested-loop join.
         -- (eitems holds invoiced orders only, so a counted e-commerce line never matches.)
         LEFT JOIN eitems ei ON ei.order_ref = b.order_ref AND ei.amount = b.amount)
     -- Compliance 1: the category has an agreement on the line's date, and the line's supplier holds it.
     SELECT x.*,
            -- spend_line's own filter columns, so a filter over them runs on this table as it is (see fullTableCondition).
            TRUE AS counted,
            ${anyAgreement ? `EXISTS (SELECT 1 FROM ${a} g WHERE g.cat2 = x.cat2 AND x.date BETWEEN g.valid_from AND g.valid_to)` : 'FALSE'} AS has_agreement,
            -- A supplier under an agreement in a neighbouring subcategory (a food wholesaler's coffee) is not counted as
            -- buying beside the agreement: its framework may well cover the item.
            ${anyAgreement ? `EXISTS (SELECT 1 FROM ${a} g WHERE g.cat2 = x.cat2 AND x.date BETWEEN g.valid_from AND g.valid_to
                       AND EXISTS (SELECT 1 FROM ${a} h WHERE h.key = x.supplier_key AND h.cat1 = x.cat1 AND x.date BETWEEN h.valid_from AND h.valid_to))` : 'FALSE'} AS on_contract
       FROM x`;
}

/** Lines of each category (or supplier) kept in the top lines (topLinesSql): one page's worth. */
export const TOP_LINES_PER_CATEGORY = 100;

/**
 * The first TOP_LINES_PER_CATEGORY lines of each value of `by` (NULL included) of the shared table `t` in
 * a page's default order (amount DESC, line_id DESC), with `part_lines` (that value's lines in all) and
 * the invoice's own columns from spend_line. The top of a union of parts is within the union of their
 * tops, so a part's first page reads these instead of 1M lines (ScopeQuery.topPageSql, views/scope.ts).
 */
const topsBy = (t: string, by: 'category_id' | 'supplier_key') => `
     WITH p AS (SELECT count(*) AS n, max_by(line_id, (amount, line_id), ${TOP_LINES_PER_CATEGORY}) AS ids FROM ${t} GROUP BY ${by}),
     f AS (SELECT unnest(ids) AS line_id, n FROM p)
     SELECT l.*, f.n AS part_lines, s.file, s."row", s.document_id, s.account, s.description
       FROM ${t} l JOIN f USING (line_id) JOIN spend_line s ON s.line_id = l.line_id`;

/** Each category's top lines (a level-1 category is its level-2 children): 7k rows for 1M lines, built in ~0.1 s. */
export const topLinesSql = (t: string) => topsBy(t, 'category_id');

/** Each supplier's top lines: 82k rows for the bench's 1M lines and 2,245 suppliers, built in ~0.5 s in DuckDB-WASM. */
export const supplierTopLinesSql = (t: string) => topsBy(t, 'supplier_key');

/**
 * spend_line columns the prepared table does not carry with spend_line's meaning (supplier_key is the
 * merged key there; the rest are not carried): a condition naming one is answered by a semi-join on spend_line.
 */
const NOT_CARRIED = new Set([
  'supplier_key', 'file', 'row', 'document_id', 'supplier_cvr', 'unit_ean', 'account', 'account_no', 'description',
  'item_code', 'item_scheme', 'item_number', 'quantity', 'unit_price', 'amount_original', 'order_ref', 'municipality',
]);

/**
 * `where` (a condition over spend_line, e.g. filtersWhere) as a condition over the prepared table, which
 * carries spend_line's filter columns (counted, dates, file_id, unit, source_kind, line_id, amount) as they
 * are; null when it names a column the table does not carry as spend_line has it. Conservative: a name
 * inside a string literal does not count, any other mention does.
 */
export function preparedCondition(where: string): string | null {
  const code = where.replace(/'(?:[^']|'')*'/g, "''");
  for (const m of code.matchAll(/"([^"]+)"|([A-Za-z_][A-Za-z0-9_]*)/g)) {
    if (NOT_CARRIED.has((m[1] ?? m[2] ?? '').toLowerCase())) return null;
  }
  return where;
}

/** The shared groups (AnalysisLines.groups) of the shared table `t`. */
export const groupsSql = (t: string) =>
  `SELECT category_id, supplier_key, unit, month, addressable, sum(amount) AS spend, count(*) AS lines,
          min(date) AS first_date, max(date) AS last_date
     FROM ${t} GROUP BY ALL`;
