import type { DbConnector } from '../../db/connector.js';
import { queryRows } from '../../db/rows.js';
import { literal, quoteIdent } from '../../sql/escape.js';
import type { AnalysisLines } from '../fragmentation/lines.js';
import { dateRangeOf, sharedLineCounts } from '../fragmentation/line-counts.js';
import type { AnalysisWindow, OpportunityRules } from './types.js';

const ALL_MONTHS = { months: { from: null, to: null }, unit: null };

/**
 * The SQL half of the opportunity finder: the § 35 window, a work table of the addressable,
 * classified lines, the price-variance items, and per-category figures that the rules in
 * find.ts decide on. Tables are temporary and named after the preparation (`lines.scratch`).
 */

export interface WorkTables {
  /** A view: addressable level-2 lines with in_window and claim (the opportunity whose savings use the line's spend). */
  work: string;
  /** Price-variance lines with their overpayment. */
  price: string;
}

export function workTables(lines: AnalysisLines): WorkTables {
  return { work: `${lines.scratch}_w`, price: `${lines.scratch}_p` };
}

/**
 * The first and last date of `lines`. A preparation whose lines the shared groups answer for (all lines,
 * or whole months and a unit of them) takes them from the dates kept per unit and month (line-counts.ts)
 * instead of scanning its lines (16 ms for a period at 1M lines in the app); any other (a copy with
 * another table) scans.
 */
async function dateRangeSql(db: DbConnector, lines: AnalysisLines): Promise<string> {
  const genuine = lines.contentKey?.table === lines.table;
  if (genuine && (!lines.filtered || lines.grouped)) {
    const { first, last } = dateRangeOf(await sharedLineCounts(db, await lines.groups()), lines.grouped ?? ALL_MONTHS);
    return `SELECT ${literal(first)}::DATE AS first, ${literal(last)}::DATE AS last`;
  }
  return `SELECT min(date) AS first, max(date) AS last FROM ${quoteIdent(lines.table)} WHERE date IS NOT NULL`;
}

/** The last 12 months of the data (udbudsloven § 35) and the whole period; null without dated lines. */
export async function computeWindow(db: DbConnector, lines: AnalysisLines): Promise<AnalysisWindow | null> {
  const [r] = await queryRows(
    db,
    `WITH d AS (${await dateRangeSql(db, lines)})
     SELECT first, last, (last - INTERVAL 12 MONTH + INTERVAL 1 DAY)::DATE AS wstart,
            (last - greatest(first, (last - INTERVAL 12 MONTH + INTERVAL 1 DAY)::DATE) + 1) AS wdays,
            (last - first + 1) AS pdays, (last - (last - INTERVAL 12 MONTH + INTERVAL 1 DAY)::DATE + 1) AS fulldays
       FROM d WHERE last IS NOT NULL`,
  );
  if (!r) return null;
  const fullDays = Number(r.fulldays);
  const windowDays = Number(r.wdays);
  const monthDays = fullDays / 12;
  const full = windowDays >= fullDays;
  return {
    from: full ? String(r.wstart) : String(r.first),
    to: String(r.last),
    months: full ? 12 : Math.round((windowDays / monthDays) * 10) / 10,
    factor: full ? 1 : fullDays / windowDays,
    periodFrom: String(r.first),
    periodTo: String(r.last),
    periodMonths: Math.round((Number(r.pdays) / monthDays) * 10) / 10,
    periodFactor: fullDays / Number(r.pdays),
  };
}

/** Builds the work lines (a view) and the price-variance table (price-variance lines are claimed first). */
export async function buildWorkTables(
  db: DbConnector,
  lines: AnalysisLines,
  window: AnalysisWindow,
  rules: OpportunityRules,
  periodFactor: number,
): Promise<WorkTables> {
  const t = workTables(lines);
  // Views, not copies: the work lines are most of the prepared lines, and copying them (then updating
  // the claimed ones) cost more than the few scans that read them. `t.base` holds the lines before claims.
  const base = `SELECT line_id, doc, date, amount, currency, unit, supplier_key, supplier_name, cat2, has_agreement, on_contract,
            item_number, item_price, item_qty,
            coalesce(date BETWEEN ${literal(window.from)}::DATE AND ${literal(window.to)}::DATE, FALSE) AS in_window
       FROM ${quoteIdent(lines.table)} WHERE addressable AND cat2 IS NOT NULL`;
  // The same item (supplier + item number) bought at different unit prices; evidence from the
  // whole period, since an item is bought too rarely for 12 months to show the spread.
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ${quoteIdent(t.price)} AS
     WITH buy AS (
       SELECT * FROM (${base})
        WHERE item_number IS NOT NULL AND item_price > 0 AND item_qty > 0 AND amount > 0 AND currency = 'DKK'),
     it AS (
       SELECT cat2, supplier_key, item_number, min(item_price) AS p_min, median(item_price) AS p_med, max(item_price) AS p_max,
              count(DISTINCT item_price) AS prices
         FROM buy GROUP BY ALL
       HAVING count(DISTINCT item_price) > 1 AND max(item_price) >= min(item_price) * ${literal(1 + rules.priceMinSpread)}),
     over AS (
       SELECT b.line_id, b.cat2, b.supplier_key, b.item_number, b.unit, b.amount, it.p_min, it.p_med, it.p_max, it.prices,
              b.item_qty * (b.item_price - it.p_min) AS over_min,
              b.item_qty * greatest(b.item_price - it.p_med, 0) AS over_med
         FROM buy b JOIN it USING (cat2, supplier_key, item_number))
     SELECT * FROM over
      WHERE cat2 IN (SELECT cat2 FROM over GROUP BY cat2 HAVING sum(over_min) * ${literal(periodFactor)} >= ${literal(rules.priceMinAnnual)})`,
  );
  // Price-variance lines are claimed first.
  await db.exec(
    `CREATE OR REPLACE TEMP VIEW ${quoteIdent(t.work)} AS
     SELECT b.*, CASE WHEN b.line_id IN (SELECT line_id FROM ${quoteIdent(t.price)}) THEN 'price-variance' END::VARCHAR AS claim
       FROM (${base}) b`,
  );
  return t;
}

export interface CategoryStats {
  categoryId: string;
  /** Window figures (not yet annualised). */
  value: number;
  offAgreement: number;
  noAgreement: number;
  noAgreementSuppliers: number;
  noAgreementSuppliers80: number;
  noAgreementUnits: number;
  /** No-agreement spend outside the `keep` largest suppliers. */
  outsideTop: number;
  smallOrders: number;
  invoices: number;
  /** All window lines by agreement status (claimed or not): compliance 1 and the rest. */
  onAgreementAll: number;
  offAgreementAll: number;
  noAgreementAll: number;
  /** Unclaimed lines a re-tender covers: bought on the agreement, or with no agreement (not beside one). */
  retenderBase: number;
}

/**
 * What categoryStats and the window's covered lines read, as a key: the window's work lines and the
 * price-variance claims among them (count and sum of line-id hashes). A period that does not cut into
 * the window (from a date before it) leaves both as they are, and their figures come from the memo.
 */
export async function windowRows(db: DbConnector, lines: AnalysisLines, t: WorkTables, window: AnalysisWindow): Promise<string> {
  // The work view's rows in the window, read from the lines themselves: the date range is then a filter
  // of the scan (row groups outside it are skipped), not a column computed for every line (26 → 17 ms
  // for a period at 1M lines in Node-WASM). The same rows and values as `work WHERE in_window`.
  const [r] = await queryRows(
    db,
    `SELECT count(*) AS n, coalesce(sum(hash(line_id)), 0)::VARCHAR AS h,
            count(*) FILTER (WHERE claimed) AS nc, coalesce(sum(hash(line_id)) FILTER (WHERE claimed), 0)::VARCHAR AS hc
       FROM (SELECT line_id, line_id IN (SELECT line_id FROM ${quoteIdent(t.price)}) AS claimed
               FROM ${quoteIdent(lines.table)}
              WHERE addressable AND cat2 IS NOT NULL AND date BETWEEN ${literal(window.from)}::DATE AND ${literal(window.to)}::DATE)`,
  );
  return `${r?.n}:${r?.h}:${r?.nc}:${r?.hc}`;
}

/** Per-category window figures over the lines not claimed by price variance. */
export async function categoryStats(db: DbConnector, t: WorkTables, rules: OpportunityRules): Promise<CategoryStats[]> {
  const w = quoteIdent(t.work);
  const rows = await queryRows(
    db,
    // Only the columns read below: `win` is read three times, so DuckDB materialises it.
    `WITH win AS (SELECT cat2, amount, claim, has_agreement, on_contract, unit, supplier_key, doc, currency FROM ${w} WHERE in_window),
     v AS (
       SELECT cat2, sum(amount) AS value,
              coalesce(sum(amount) FILTER (WHERE claim IS NULL AND has_agreement AND NOT on_contract), 0) AS off_agreement,
              coalesce(sum(amount) FILTER (WHERE claim IS NULL AND NOT has_agreement), 0) AS no_agreement,
              count(DISTINCT unit) FILTER (WHERE claim IS NULL AND NOT has_agreement) AS no_agreement_units,
              coalesce(sum(amount) FILTER (WHERE has_agreement AND on_contract), 0) AS on_all,
              coalesce(sum(amount) FILTER (WHERE has_agreement AND NOT on_contract), 0) AS off_all,
              coalesce(sum(amount) FILTER (WHERE NOT has_agreement), 0) AS none_all,
              coalesce(sum(amount) FILTER (WHERE claim IS NULL AND (on_contract OR NOT has_agreement)), 0) AS retender_base
         FROM win GROUP BY cat2),
     sup AS (
       SELECT cat2, supplier_key, greatest(sum(amount), 0) AS s FROM win
        WHERE claim IS NULL AND NOT has_agreement GROUP BY ALL),
     r AS (
       SELECT *, row_number() OVER (PARTITION BY cat2 ORDER BY s DESC, supplier_key) AS rn,
              sum(s) OVER (PARTITION BY cat2) AS tot,
              sum(s) OVER (PARTITION BY cat2 ORDER BY s DESC, supplier_key ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS run
         FROM sup),
     sa AS (
       SELECT cat2, count(*) AS suppliers, count(*) FILTER (WHERE tot > 0 AND run - s < 0.8 * tot) AS suppliers80,
              coalesce(sum(s) FILTER (WHERE rn > ${Math.max(0, Math.floor(rules.consolidateKeep))}), 0) AS outside_top
         FROM r GROUP BY cat2),
     d AS (
       SELECT cat2, doc, sum(amount) AS total, min(amount) >= 0 AND bool_and(currency = 'DKK') AS invoice FROM win GROUP BY ALL),
     dd AS (
       SELECT cat2, count(*) FILTER (WHERE invoice AND total > 0 AND total < ${literal(rules.smallOrderLimit)}) AS small,
              count(*) FILTER (WHERE invoice) AS invoices
         FROM d GROUP BY cat2)
     SELECT v.cat2, v.value::DOUBLE AS value, v.off_agreement::DOUBLE AS off_agreement, v.no_agreement::DOUBLE AS no_agreement,
            v.no_agreement_units, v.on_all::DOUBLE AS on_all, v.off_all::DOUBLE AS off_all, v.none_all::DOUBLE AS none_all,
            v.retender_base::DOUBLE AS retender_base, coalesce(sa.suppliers, 0) AS suppliers, coalesce(sa.suppliers80, 0) AS suppliers80,
            coalesce(sa.outside_top, 0)::DOUBLE AS outside_top, coalesce(dd.small, 0) AS small, coalesce(dd.invoices, 0) AS invoices
       FROM v LEFT JOIN sa USING (cat2) LEFT JOIN dd USING (cat2)
      ORDER BY v.cat2`,
  );
  return rows.map((r) => ({
    categoryId: String(r.cat2),
    value: Number(r.value),
    offAgreement: Number(r.off_agreement),
    noAgreement: Number(r.no_agreement),
    noAgreementSuppliers: Number(r.suppliers),
    noAgreementSuppliers80: Number(r.suppliers80),
    noAgreementUnits: Number(r.no_agreement_units),
    outsideTop: Number(r.outside_top),
    smallOrders: Number(r.small),
    invoices: Number(r.invoices),
    onAgreementAll: Number(r.on_all),
    offAgreementAll: Number(r.off_all),
    noAgreementAll: Number(r.none_all),
    retenderBase: Number(r.retender_base),
  }));
}

export async function dropWorkTables(db: DbConnector, t: WorkTables): Promise<void> {
  // One round trip for both.
  await db.exec(`DROP VIEW IF EXISTS ${quoteIdent(t.work)}; DROP TABLE IF EXISTS ${quoteIdent(t.price)}`);
}
