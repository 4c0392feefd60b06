import { agreementKeySql, EFFECTIVE_AGREEMENT_CATEGORIES_SQL, ensureAgreementTables } from '../../agreements/schema.js';
import { baseConnector } from '../../db/abortable.js';
import type { DbConnector } from '../../db/connector.js';
import { queryRows, type Row } from '../../db/rows.js';
import { untilWritten } from '../../db/write-count.js';
import { literal, quoteIdent } from '../../sql/escape.js';
import { spellingSql } from '../../suppliers/spelling.js';
import type { CategoryTree } from '../../taxonomy/category-tree.js';
import type { AnalysisLines } from '../fragmentation/lines.js';
import { memoByRows } from '../fragmentation/memo.js';
import type { WorkTables } from './stats.js';
import type { AnalysisWindow, OpportunityKind, PriceVarianceItem, SupplierShare, UnitShare } from './types.js';

/** Who is involved in each opportunity: its suppliers and units with their (annual) spend. */

export interface CoverageSpec {
  /** `${kind}:${categoryId}` */
  id: string;
  kind: OpportunityKind;
  categoryId: string;
  /** A tender that re-tenders the category's agreement covers the lines bought on it too. */
  retender?: boolean;
  /** Window (or period) spend → annual spend. */
  factor: number;
}

export interface Coverage {
  annualSpend: number;
  suppliers: SupplierShare[];
  units: UnitShare[];
}

const round = (v: number) => Math.round(v * 100) / 100;

/**
 * The lines each opportunity covers, in one pass over the work table per group of kinds:
 * - tender / consolidate: the window's unclaimed lines where the category has no agreement on the date;
 * - a re-tender: those and the lines bought on the agreement (everything but the off-agreement lines);
 * - agreement: the window's unclaimed lines in a category with an agreement, from another supplier;
 * - small-orders: the window's lines of invoices under the small-order limit;
 * - price-variance: the claimed lines of the items bought at several prices (whole period).
 */
export function coveredLinesSql(t: WorkTables, specs: readonly CoverageSpec[], smallOrderLimit: number): string {
  const sel = specs.map((s) => `(${literal(s.id)}, ${literal(s.kind)}, ${literal(s.categoryId)}, ${literal(s.retender === true)})`).join(', ');
  const w = quoteIdent(t.work);
  return `
    WITH sel(opp, kind, cat2, retender) AS (VALUES ${sel}),
    small AS (
      SELECT cat2, doc FROM ${w}
       WHERE in_window AND cat2 IN (SELECT cat2 FROM sel WHERE kind = 'small-orders')
       GROUP BY cat2, doc
      HAVING min(amount) >= 0 AND bool_and(currency = 'DKK') AND sum(amount) > 0 AND sum(amount) < ${literal(smallOrderLimit)})
    SELECT s.opp, w.supplier_key, w.unit, w.amount FROM ${w} w JOIN sel s ON s.cat2 = w.cat2
     WHERE w.in_window AND w.claim IS NULL
       AND ((s.kind IN ('tender', 'consolidate') AND NOT s.retender AND NOT w.has_agreement)
            OR (s.kind = 'tender' AND s.retender AND (w.on_contract OR NOT w.has_agreement))
            OR (s.kind = 'agreement' AND w.has_agreement AND NOT w.on_contract))
    UNION ALL
    SELECT s.opp, w.supplier_key, w.unit, w.amount FROM ${w} w
      JOIN small d ON d.cat2 = w.cat2 AND d.doc = w.doc
      JOIN sel s ON s.cat2 = w.cat2 AND s.kind = 'small-orders'
     WHERE w.in_window
    UNION ALL
    SELECT s.opp, p.supplier_key, p.unit, p.amount FROM ${quoteIdent(t.price)} p JOIN sel s ON s.cat2 = p.cat2 AND s.kind = 'price-variance'`;
}

/** Suppliers and units of each spec's covered lines (coveredLinesSql), with their annual spend. */
async function coverageOf(db: DbConnector, lines: AnalysisLines, t: WorkTables, specs: readonly CoverageSpec[], smallOrderLimit: number): Promise<Map<string, Coverage>> {
  const out = new Map<string, Coverage>(specs.map((s) => [s.id, { annualSpend: 0, suppliers: [], units: [] }]));
  if (!specs.length) return out;
  const factor = new Map(specs.map((s) => [s.id, s.factor]));
  const c = quoteIdent(`${t.work}_c`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE ${c} AS ${coveredLinesSql(t, specs, smallOrderLimit)}`);
  // The display name is the supplier's most frequent spelling over all its lines, not just these.
  const suppliers = await queryRows(
    db,
    `SELECT opp, supplier_key, any_value(n.name) AS name, sum(amount)::DOUBLE AS spend
       FROM ${c} LEFT JOIN ${quoteIdent(await lines.supplierNames())} n USING (supplier_key)
      GROUP BY opp, supplier_key ORDER BY opp, spend DESC, supplier_key`,
  );
  const units = await queryRows(
    db,
    `SELECT opp, unit, sum(amount)::DOUBLE AS spend FROM ${c} GROUP BY opp, unit ORDER BY opp, spend DESC, unit NULLS LAST`,
  );
  await db.exec(`DROP TABLE ${c}`);
  for (const r of suppliers) {
    const cov = out.get(String(r.opp))!;
    const f = factor.get(String(r.opp)) ?? 1;
    cov.suppliers.push({ key: String(r.supplier_key), name: r.name === null ? null : String(r.name), spend: round(Number(r.spend) * f) });
    cov.annualSpend += Number(r.spend) * f;
  }
  for (const r of units) {
    const cov = out.get(String(r.opp))!;
    cov.units.push({ name: r.unit === null ? null : String(r.unit), spend: round(Number(r.spend) * (factor.get(String(r.opp)) ?? 1)) });
  }
  for (const cov of out.values()) cov.annualSpend = round(cov.annualSpend);
  return out;
}

/**
 * The lines each opportunity covers (coveredLinesSql): suppliers and units with their annual spend.
 * Every kind but price variance reads only the window's lines (`windowRows` stands for them), so those
 * are memoised by the window's rows; price variance reads the whole period's price lines.
 */
export async function coverage(
  db: DbConnector,
  lines: AnalysisLines,
  t: WorkTables,
  specs: readonly CoverageSpec[],
  smallOrderLimit: number,
  windowRows: string,
): Promise<Map<string, Coverage>> {
  const inWindow = specs.filter((s) => s.kind !== 'price-variance');
  const prices = specs.filter((s) => s.kind === 'price-variance');
  const windowed = inWindow.length
    ? new Map(Object.entries(await memoByRows(db, lines, 'coverage', windowRows, { specs: inWindow, smallOrderLimit },
      async () => Object.fromEntries(await coverageOf(db, lines, t, inWindow, smallOrderLimit)))))
    : new Map<string, Coverage>();
  const priced = await coverageOf(db, lines, t, prices, smallOrderLimit);
  return new Map(specs.map((s) => [s.id, windowed.get(s.id) ?? priced.get(s.id) ?? { annualSpend: 0, suppliers: [], units: [] }]));
}

/** The price-variance items of each category, largest overpayment first. */
export async function priceItems(db: DbConnector, t: WorkTables, periodFactor: number): Promise<Map<string, PriceVarianceItem[]>> {
  const rows = await queryRows(
    db,
    `WITH p AS (
       SELECT cat2, supplier_key, item_number, count(*) AS lines, count(DISTINCT unit) AS units, any_value(prices) AS prices,
              any_value(p_min)::DOUBLE AS p_min, any_value(p_med)::DOUBLE AS p_med, any_value(p_max)::DOUBLE AS p_max,
              sum(over_min)::DOUBLE AS over_min
         FROM ${quoteIdent(t.price)} GROUP BY ALL),
     names AS (
       ${spellingSql('spend_line', 'item_number', "source_kind = 'ecommerce' AND item_number IN (SELECT item_number FROM p)", 'description')})
     SELECT p.*, names.name FROM p LEFT JOIN names USING (item_number) ORDER BY cat2, over_min DESC, item_number`,
  );
  const out = new Map<string, PriceVarianceItem[]>();
  for (const r of rows) {
    const cat = String(r.cat2);
    const items = out.get(cat) ?? [];
    items.push({
      supplierKey: String(r.supplier_key),
      itemNumber: String(r.item_number),
      itemName: r.name === null ? null : String(r.name),
      lines: Number(r.lines),
      units: Number(r.units),
      prices: Number(r.prices),
      minPrice: Number(r.p_min),
      medianPrice: Number(r.p_med),
      maxPrice: Number(r.p_max),
      overpaid: round(Number(r.over_min) * periodFactor),
    });
    out.set(cat, items);
  }
  return out;
}

/** Price-variance savings per category: paid above the median (low) and above the lowest price (high), a year. */
export async function priceSavings(db: DbConnector, t: WorkTables, periodFactor: number): Promise<Map<string, { low: number; high: number }>> {
  const rows = await queryRows(
    db,
    `SELECT cat2, sum(over_med)::DOUBLE AS low, sum(over_min)::DOUBLE AS high FROM ${quoteIdent(t.price)} GROUP BY cat2`,
  );
  return new Map(rows.map((r) => [String(r.cat2), { low: Number(r.low) * periodFactor, high: Number(r.high) * periodFactor }]));
}

export interface AgreementInfo {
  id: string;
  name: string | null;
  supplierName: string | null;
  /** Last day of the agreement (null when the register does not say). */
  validTo: string | null;
}

/**
 * The register's agreements valid in some part of `window`, with the categories they cover. They change
 * only with a write (an import, a mapping edited by hand): kept until then, per window (a few), so a
 * filter change that leaves the window as it is does not ask again (6–17 ms at 1M lines in the app).
 */
async function agreementsInWindow(db: DbConnector, window: AnalysisWindow): Promise<Row[]> {
  const kept = await untilWritten(db, 'agreements-in-window', async () => new Map<string, Promise<Row[]>>());
  const key = `${window.from}\n${window.to}`;
  let rows = kept.get(key);
  if (!rows) {
    // Shared by every screen's caller: on the base connector, so one screen's cancel never fails another's.
    const base = baseConnector(db);
    const read = (async () => {
      await ensureAgreementTables(base);
      return queryRows(
        base,
        `SELECT DISTINCT e.category_id, coalesce(k.contract_id, k.name, '?') AS id, k.name, k.supplier_name, k.valid_to
           FROM (SELECT ${agreementKeySql()} AS agreement_key, * FROM contract) k
           JOIN (${EFFECTIVE_AGREEMENT_CATEGORIES_SQL}) e USING (agreement_key)
          WHERE coalesce(k.valid_from, DATE '0001-01-01') <= ${literal(window.to)}::DATE
            AND coalesce(k.valid_to, DATE '9999-12-31') >= ${literal(window.from)}::DATE
          ORDER BY 2, 4`,
      );
    })();
    // A failed or cancelled read is not kept.
    read.catch(() => kept.get(key) === read && kept.delete(key));
    kept.set(key, read);
    while (kept.size > 8) kept.delete(kept.keys().next().value as string);
    rows = read;
  }
  return rows;
}

/** Agreements valid at some point of the window, per level-2 category (a level-1 agreement covers its children). */
export async function agreementsByCategory(
  db: DbConnector,
  tree: CategoryTree,
  window: AnalysisWindow,
  categoryIds: readonly string[],
): Promise<Map<string, AgreementInfo[]>> {
  const out = new Map<string, AgreementInfo[]>();
  if (!categoryIds.length) return out;
  const parents = new Map(tree.categories.map((c) => [c.id, c.parent]));
  const rows = await agreementsInWindow(db, window);
  for (const id of categoryIds) {
    const parent = parents.get(id) ?? null;
    const hits = rows
      .filter((r) => r.category_id === id || (parent !== null && r.category_id === parent))
      .map((r) => ({
        id: String(r.id), name: r.name === null ? null : String(r.name),
        supplierName: r.supplier_name === null ? null : String(r.supplier_name), validTo: r.valid_to === null ? null : String(r.valid_to),
      }));
    if (hits.length) out.set(id, hits);
  }
  return out;
}
