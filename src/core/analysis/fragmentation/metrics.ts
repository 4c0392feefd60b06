import type { DbConnector } from '../../db/connector.js';
import { queryRows, type Row } from '../../db/rows.js';
import { literal, quoteIdent } from '../../sql/escape.js';
import type { AnalysisLines } from './lines.js';
import { memoRows } from './memo.js';
import { categoryLevelsSql } from './shared-lines-sql.js';
import { spellingSql } from '../../suppliers/spelling.js';

/**
 * Fragmentation figures per group of lines: a level-1 or level-2 category or an organisational
 * unit. Definitions (also in docs/analysis.md):
 * - spend: net (credit notes negative); addressableSpend: the part on addressable lines;
 * - supplier shares use each supplier's net spend floored at 0, over the group's positive total;
 * - suppliers80: the fewest suppliers (largest first) that together reach 80 % of that total;
 *   the rest are the tail (tailSuppliers, tailSpend = their net spend);
 * - hhi: Σ (share in %)², 0–10,000; topSupplierShare: the largest share (0–1);
 * - documents: distinct documents (an invoice, or an e-commerce order not invoiced) with lines
 *   in the group; medianDocument: the median of their net amounts in the group;
 * - smallOrders: invoices (no negative line, all lines in DKK) whose group amount is above 0 and
 *   under the small-order limit; smallOrderShare: smallOrders / such invoices;
 * - ecommerceShare: spend bought through e-commerce (counted e-commerce lines and invoice lines
 *   whose order reference is an e-commerce order) / spend;
 * - onContractShare (null without a contract register): spend with a supplier that holds an
 *   agreement in the category on the line's date / spend; offAgreementSpend: spend in a category
 *   that has an agreement on the line's date, with another supplier.
 */

export type GroupBy = 'category1' | 'category2' | 'unit';

export interface GroupMetrics {
  /** Category id or unit name; null for unclassified lines (categories) or lines without a unit. */
  id: string | null;
  parentId: string | null;
  level: 1 | 2 | null;
  name: { da: string; en: string };
  spend: number;
  addressableSpend: number;
  lines: number;
  suppliers: number;
  suppliers80: number;
  tailSuppliers: number;
  tailSpend: number;
  hhi: number;
  topSupplierShare: number;
  topSupplier: { key: string; name: string | null } | null;
  units: number;
  documents: number;
  medianDocument: number | null;
  smallOrders: number;
  smallOrderShare: number | null;
  ecommerceShare: number | null;
  onContractShare: number | null;
  offAgreementSpend: number | null;
}

export interface MetricsOptions {
  /** Orders under this amount (DKK) are small orders; default 250 kr. (DI 2021). */
  smallOrderLimit?: number;
}

export const DEFAULT_SMALL_ORDER_LIMIT = 250;

const GROUP_COLUMN: Record<GroupBy, string> = { category1: 'cat1', category2: 'cat2', unit: 'unit' };

/** Each supplier's share of its group, running from the largest (`sup`: the group's columns, supplier_key, spend). */
const cumSql = (group: string) => `
    SELECT *, greatest(spend, 0) AS pos,
           sum(greatest(spend, 0)) OVER (PARTITION BY ${group}) AS tot,
           sum(greatest(spend, 0)) OVER (PARTITION BY ${group} ORDER BY greatest(spend, 0) DESC, supplier_key
                                         ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run
      FROM sup`;

/** A group's supplier figures from its rows of `cum`. */
const SUPPLIER_FIGURES = `count(*) AS suppliers,
           count(*) FILTER (WHERE tot > 0 AND run - pos < 0.8 * tot) AS suppliers80,
           count(*) FILTER (WHERE NOT (tot > 0 AND run - pos < 0.8 * tot)) AS tail_suppliers,
           coalesce(sum(spend) FILTER (WHERE NOT (tot > 0 AND run - pos < 0.8 * tot)), 0) AS tail_spend,
           CASE WHEN max(tot) > 0 THEN sum(power(100 * pos / tot, 2)) ELSE 0 END AS hhi,
           CASE WHEN max(tot) > 0 THEN max(pos) / max(tot) ELSE 0 END AS top_share,
           arg_max(supplier_key, (pos, supplier_key)) AS top_key`;

/** A group's document figures from its rows of `d` (doc, total, invoice). */
const documentFigures = (smallOrderLimit: number) => `count(*) AS documents, median(total) AS median_doc,
           count(*) FILTER (WHERE invoice AND total > 0 AND total < ${literal(smallOrderLimit)}) AS small,
           count(*) FILTER (WHERE invoice) AS invoices`;

/** The figures both queries return, from `a`, `s`, `dd`, `tn` and the category table `cat`. */
const RESULT_COLUMNS = `a.spend::DECIMAL(18,2) AS spend, a.addressable::DECIMAL(18,2) AS addressable, a.lines, a.units,
         a.ecommerce::DECIMAL(18,2) AS ecommerce, a.on_contract::DECIMAL(18,2) AS on_contract,
         a.off_agreement::DECIMAL(18,2) AS off_agreement,
         s.suppliers, s.suppliers80, s.tail_suppliers, s.tail_spend::DECIMAL(18,2) AS tail_spend, s.hhi::DOUBLE AS hhi,
         s.top_share::DOUBLE AS top_share, s.top_key, tn.top_name,
         dd.documents, dd.median_doc::DOUBLE AS median_doc, dd.small, dd.invoices,
         cat.parent, cat.level, cat.name_da, cat.name_en`;

/** The SQL that computes the metrics; `g` is the group column of the prepared lines. */
export function metricsSql(lines: AnalysisLines, groupBy: GroupBy, smallOrderLimit: number): string {
  const t = quoteIdent(lines.table);
  const g = GROUP_COLUMN[groupBy];
  // Level-2 grouping leaves out lines classified only to a level-1 category.
  const scope = groupBy === 'category2' ? 'WHERE cat2 IS NOT NULL OR cat1 IS NULL' : '';
  // `l` holds only the columns read below: it is read four times, so DuckDB materialises it, and a
  // copy of every column cost a third of the query. The top supplier's spelling comes from its own lines (tn).
  return `
  WITH l AS (SELECT ${g} AS g, supplier_key, supplier_name, amount, doc, currency, addressable, unit, via_ecommerce, on_contract, has_agreement
               FROM ${t} ${scope}),
  sup AS (SELECT g, supplier_key, sum(amount) AS spend FROM l GROUP BY ALL),
  cum AS (${cumSql('g')}),
  s AS (
    SELECT g, ${SUPPLIER_FIGURES}
      FROM cum GROUP BY g),
  tn AS (SELECT g, name AS top_name
           FROM (${spellingSql('(SELECT l.g, l.supplier_name FROM l JOIN s ON l.g IS NOT DISTINCT FROM s.g AND l.supplier_key = s.top_key)', 'g')})),
  d AS (
    SELECT g, doc, sum(amount) AS total, min(amount) >= 0 AND bool_and(currency = 'DKK') AS invoice FROM l GROUP BY ALL),
  dd AS (
    SELECT g, ${documentFigures(smallOrderLimit)}
      FROM d GROUP BY g),
  a AS (
    SELECT g, sum(amount) AS spend, coalesce(sum(amount) FILTER (WHERE addressable), 0) AS addressable,
           count(*) AS lines, count(DISTINCT unit) AS units,
           coalesce(sum(amount) FILTER (WHERE via_ecommerce), 0) AS ecommerce,
           coalesce(sum(amount) FILTER (WHERE on_contract), 0) AS on_contract,
           coalesce(sum(amount) FILTER (WHERE has_agreement AND NOT on_contract), 0) AS off_agreement
      FROM l GROUP BY g)
  SELECT a.g AS id, ${RESULT_COLUMNS}
    FROM a JOIN s ON s.g IS NOT DISTINCT FROM a.g JOIN dd ON dd.g IS NOT DISTINCT FROM a.g LEFT JOIN tn ON tn.g IS NOT DISTINCT FROM a.g
    LEFT JOIN ${quoteIdent(lines.categories)} cat ON cat.id = a.g
   ORDER BY a.spend DESC, a.g`;
}

const UNCLASSIFIED = { da: 'Ikke klassificeret', en: 'Unclassified' };
const NO_UNIT = { da: 'Ingen enhed', en: 'No unit' };

/** A group and its net spend: what a chart of the groups needs, without the fragmentation figures. */
export type GroupSpend = Pick<GroupMetrics, 'id' | 'parentId' | 'level' | 'name' | 'spend'>;

/** The group's id, level, parent and name from a row of metricsSql or spendSql (id, parent, level, name_da, name_en, spend). */
function toGroupSpend(r: Row, groupBy: GroupBy): GroupSpend {
  const id = r.id === null ? null : String(r.id);
  const isCategory = groupBy !== 'unit';
  const name = id === null
    ? (isCategory ? UNCLASSIFIED : NO_UNIT)
    : isCategory && r.name_da !== null
      ? { da: String(r.name_da), en: String(r.name_en) }
      : { da: id, en: id };
  const level = !isCategory || id === null ? null : r.level !== null ? (Number(r.level) as 1 | 2) : groupBy === 'category1' ? 1 : 2;
  const parentId = isCategory && id !== null && level === 2 ? (r.parent === null ? (id.split('.')[0] ?? null) : String(r.parent)) : null;
  return { id, parentId, level, name, spend: Number(r.spend) };
}

function toMetrics(r: Row, groupBy: GroupBy, hasContracts: boolean): GroupMetrics {
  const { id, parentId, level, name, spend } = toGroupSpend(r, groupBy);
  const share = (v: number): number | null => (spend !== 0 ? v / spend : null);
  return {
    id,
    parentId,
    level,
    name,
    spend,
    addressableSpend: Number(r.addressable),
    lines: Number(r.lines),
    suppliers: Number(r.suppliers),
    suppliers80: Number(r.suppliers80),
    tailSuppliers: Number(r.tail_suppliers),
    tailSpend: Number(r.tail_spend),
    hhi: Math.round(Number(r.hhi) * 10) / 10,
    topSupplierShare: Number(r.top_share),
    topSupplier: r.top_key === null ? null : { key: String(r.top_key), name: r.top_name === null ? null : String(r.top_name) },
    units: Number(r.units),
    documents: Number(r.documents),
    medianDocument: r.median_doc === null ? null : Number(r.median_doc),
    smallOrders: Number(r.small),
    smallOrderShare: Number(r.invoices) > 0 ? Number(r.small) / Number(r.invoices) : null,
    ecommerceShare: share(Number(r.ecommerce)),
    onContractShare: hasContracts ? share(Number(r.on_contract)) : null,
    offAgreementSpend: hasContracts ? Number(r.off_agreement) : null,
  };
}

/** Metrics for every group, largest spend first. */
export async function groupMetrics(
  db: DbConnector,
  lines: AnalysisLines,
  groupBy: GroupBy,
  options: MetricsOptions = {},
): Promise<GroupMetrics[]> {
  const limit = options.smallOrderLimit ?? DEFAULT_SMALL_ORDER_LIMIT;
  const rows = await memoRows(db, lines, metricsSql(lines, groupBy, limit));
  return rows.map((r) => toMetrics(r, groupBy, lines.hasContracts));
}

/**
 * metricsSql for both category levels at once, with a `lvl` column (1, 2). The lines are aggregated
 * once at the finest grain each figure needs, (cat1, cat2) with the supplier, spelling, document or
 * unit, and both levels are summed from that: a level-1 group's supplier spend, document total or
 * unit set is the sum (or union) of its level-2 parts. Level 2 leaves out lines classified only to a
 * level-1 category (`in2`), as metricsSql does.
 */
export function categoryMetricsSql(lines: AnalysisLines, smallOrderLimit: number): string {
  const t = quoteIdent(lines.table);
  /** The same aggregation at both levels: `select` over the rows of `from` grouped by (level, g). */
  const both = (from: string, select: string, by = '') =>
    `SELECT 1 AS lvl, cat1 AS g, ${select} FROM ${from} GROUP BY cat1${by}
     UNION ALL
     SELECT 2 AS lvl, cat2 AS g, ${select} FROM ${from} WHERE in2 GROUP BY cat2${by}`;
  // `l` is read three times: not materialised (a copy of its 1M rows cost 0.12 of 0.9 s at 1M lines in
  // DuckDB-WASM), and only the columns read below.
  return `
  WITH l AS NOT MATERIALIZED (
    SELECT cat1, cat2, supplier_key, supplier_name, amount, doc, currency, addressable, unit, via_ecommerce, on_contract,
           has_agreement, (cat2 IS NOT NULL OR cat1 IS NULL) AS in2
      FROM ${t}),
  -- Spend and lines per supplier and spelling: the supplier figures and the top supplier's name read it.
  nm AS (SELECT cat1, cat2, in2, supplier_key, supplier_name, sum(amount) AS spend, count(*) AS n FROM l GROUP BY ALL),
  sup AS (${both('nm', 'supplier_key, sum(spend) AS spend', ', supplier_key')}),
  cum AS (${cumSql('lvl, g')}),
  s AS (
    SELECT lvl, g, ${SUPPLIER_FIGURES}
      FROM cum GROUP BY lvl, g),
  -- The top supplier's most frequent spelling in the group (spellingSql over its lines there).
  tn AS (
    SELECT s.lvl, s.g, arg_max(x.supplier_name, (x.n, x.supplier_name)) AS top_name
      FROM (${both('(SELECT * FROM nm WHERE supplier_name IS NOT NULL)', 'supplier_key, supplier_name, sum(n) AS n', ', supplier_key, supplier_name')}) x
      JOIN s ON s.lvl = x.lvl AND s.g IS NOT DISTINCT FROM x.g AND x.supplier_key = s.top_key
     GROUP BY s.lvl, s.g),
  d0 AS (SELECT cat1, cat2, in2, doc, sum(amount) AS total, min(amount) AS low, bool_and(currency = 'DKK') AS dkk FROM l GROUP BY ALL),
  -- A level-2 category has one parent, so d0 is already one row per (cat2, doc): level 2 reads it as it is
  -- (grouping 500k documents again cost 0.09 s at 1M lines).
  d AS (SELECT 1 AS lvl, cat1 AS g, doc, sum(total) AS total, min(low) >= 0 AND bool_and(dkk) AS invoice FROM d0 GROUP BY cat1, doc
        UNION ALL
        SELECT 2 AS lvl, cat2 AS g, doc, total, low >= 0 AND dkk AS invoice FROM d0 WHERE in2),
  dd AS (
    SELECT lvl, g, ${documentFigures(smallOrderLimit)}
      FROM d GROUP BY lvl, g),
  a0 AS (
    SELECT cat1, cat2, in2, unit, sum(amount) AS spend, sum(amount) FILTER (WHERE addressable) AS addressable, count(*) AS lines,
           sum(amount) FILTER (WHERE via_ecommerce) AS ecommerce, sum(amount) FILTER (WHERE on_contract) AS on_contract,
           sum(amount) FILTER (WHERE has_agreement AND NOT on_contract) AS off_agreement
      FROM l GROUP BY ALL),
  a AS (${both('a0', `sum(spend) AS spend, coalesce(sum(addressable), 0) AS addressable, sum(lines) AS lines, count(DISTINCT unit) AS units,
                      coalesce(sum(ecommerce), 0) AS ecommerce, coalesce(sum(on_contract), 0) AS on_contract,
                      coalesce(sum(off_agreement), 0) AS off_agreement`)})
  SELECT a.lvl, a.g AS id, ${RESULT_COLUMNS}
    FROM a JOIN s ON s.lvl = a.lvl AND s.g IS NOT DISTINCT FROM a.g
    JOIN dd ON dd.lvl = a.lvl AND dd.g IS NOT DISTINCT FROM a.g
    LEFT JOIN tn ON tn.lvl = a.lvl AND tn.g IS NOT DISTINCT FROM a.g
    LEFT JOIN ${quoteIdent(lines.categories)} cat ON cat.id = a.g
   ORDER BY a.lvl, a.spend DESC, a.g`;
}

/** Metrics for every level-1 and level-2 category (as groupMetrics gives them), from one query. */
export async function categoryMetrics(
  db: DbConnector,
  lines: AnalysisLines,
  options: MetricsOptions = {},
): Promise<{ category1: GroupMetrics[]; category2: GroupMetrics[] }> {
  const rows = await memoRows(db, lines, categoryMetricsSql(lines, options.smallOrderLimit ?? DEFAULT_SMALL_ORDER_LIMIT));
  return {
    category1: rows.filter((r) => Number(r.lvl) === 1).map((r) => toMetrics(r, 'category1', lines.hasContracts)),
    category2: rows.filter((r) => Number(r.lvl) === 2).map((r) => toMetrics(r, 'category2', lines.hasContracts)),
  };
}

/**
 * SQL: the net spend of every level-1 and level-2 category, largest first, in the order and with the
 * names groupMetrics gives, from `grouped` (a SELECT of category_id and spend, one row per id) and the
 * category table `categories`.
 */
function categorySpendSql(grouped: string, categories: string): string {
  const levels = categoryLevelsSql('g.category_id');
  return `WITH g AS (${grouped}),
     p AS MATERIALIZED (SELECT ${levels.cat1} AS cat1, ${levels.cat2} AS cat2, g.spend
                          FROM g LEFT JOIN ${quoteIdent(categories)} cat ON cat.id = g.category_id),
     a AS (SELECT 1 AS lvl, cat1 AS g, sum(spend) AS spend FROM p GROUP BY cat1
           UNION ALL
           -- Level 2 leaves out lines classified only to a level-1 category (as metricsSql does).
           SELECT 2, cat2, sum(spend) FROM p WHERE cat2 IS NOT NULL OR cat1 IS NULL GROUP BY cat2)
     SELECT a.lvl, a.g AS id, a.spend::DECIMAL(18,2) AS spend, cat.parent, cat.level, cat.name_da, cat.name_en
       FROM a LEFT JOIN ${quoteIdent(categories)} cat ON cat.id = a.g
      ORDER BY a.lvl, a.spend DESC, a.g`;
}

const toCategorySpend = (rows: Row[]): { category1: GroupSpend[]; category2: GroupSpend[] } => ({
  category1: rows.filter((r) => Number(r.lvl) === 1).map((r) => toGroupSpend(r, 'category1')),
  category2: rows.filter((r) => Number(r.lvl) === 2).map((r) => toGroupSpend(r, 'category2')),
});

/**
 * Each category's net spend (categorySpendSql), for a chart that shows spend only: from `grouped` (a
 * SELECT of category_id and spend, one row per id, that the caller made from `lines`), else from one
 * aggregation of the lines by category id instead of the fragmentation figures (supplier shares,
 * documents, medians): at 1M lines under a period filter ~0.05 s against ~0.5 s a level. Grouped by the
 * one id with its levels looked up after: grouping by both level columns cost 75 instead of 47 ms (DuckDB-WASM).
 */
export async function categorySpend(
  db: DbConnector, lines: AnalysisLines, grouped?: string,
): Promise<{ category1: GroupSpend[]; category2: GroupSpend[] }> {
  if (grouped !== undefined) return toCategorySpend(await queryRows(db, categorySpendSql(grouped, lines.categories)));
  const own = `SELECT category_id, sum(amount) AS spend FROM ${quoteIdent(lines.table)} GROUP BY 1`;
  return toCategorySpend(await memoRows(db, lines, categorySpendSql(own, lines.categories)));
}
