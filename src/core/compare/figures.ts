import { categoryMetrics, prepareAnalysisLines, type GroupMetrics } from '../analysis/fragmentation/index.js';
import { computeWindow } from '../analysis/opportunities/stats.js';
import type { AnalysisWindow } from '../analysis/opportunities/types.js';
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { complianceSummary, type ComplianceSummary } from '../report/compliance-summary.js';
import { literal, quoteIdent } from '../sql/escape.js';
import { spellingSql } from '../suppliers/spelling.js';
import type { CategoryTree } from '../taxonomy/category-tree.js';
import type { Dataset } from './datasets.js';

/**
 * One data set's figures for Sammenlign: the addressable lines of its last 12 months (udbudsloven
 * § 35, as the opportunities; a shorter data set is scaled to a year), so a two-year export and a
 * one-year export compare per year. Amounts are annual; counts and shares are over the window.
 */

export interface SupplierCategorySpend {
  categoryId: string;
  key: string;
  name: string | null;
  /** Annual spend. */
  spend: number;
}

export interface DatasetFigures {
  dataset: Dataset;
  window: AnalysisWindow | null;
  annualSpend: number;
  suppliers: number;
  smallOrderShare: number | null;
  category1: GroupMetrics[];
  category2: GroupMetrics[];
  compliance: ComplianceSummary | null;
  /** Spend per level-2 category and supplier (shared suppliers, joint tenders, new and lost suppliers). */
  supplierSpend: SupplierCategorySpend[];
}

const ANNUAL_FIELDS = ['spend', 'addressableSpend', 'tailSpend'] as const;

function annualise(m: GroupMetrics, factor: number): GroupMetrics {
  const out = { ...m };
  for (const k of ANNUAL_FIELDS) out[k] = Math.round(m[k] * factor * 100) / 100;
  if (m.offAgreementSpend !== null) out.offAgreementSpend = Math.round(m.offAgreementSpend * factor * 100) / 100;
  return out;
}

export async function datasetFigures(
  db: DbConnector,
  dataset: Dataset,
  options: { where?: string; tree?: CategoryTree; smallOrderLimit?: number } = {},
): Promise<DatasetFigures> {
  const where = options.where?.trim() ? `(${dataset.where}) AND (${options.where})` : dataset.where;
  const lines = await prepareAnalysisLines(db, { where, tree: options.tree });
  const table = `${lines.scratch}_cmp`;
  try {
    const window = await computeWindow(db, lines);
    const empty: DatasetFigures = {
      dataset, window, annualSpend: 0, suppliers: 0, smallOrderShare: null, category1: [], category2: [], compliance: null, supplierSpend: [],
    };
    if (!window) return empty;
    await db.exec(
      `CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS
       SELECT * FROM ${quoteIdent(lines.table)}
        WHERE addressable AND date BETWEEN ${literal(window.from)}::DATE AND ${literal(window.to)}::DATE`,
    );
    const windowLines = { ...lines, table };
    const f = window.factor;
    const limit = options.smallOrderLimit ?? 250;
    const [total] = await queryRows(
      db,
      `WITH d AS (SELECT doc, sum(amount) AS total, min(amount) >= 0 AND bool_and(currency = 'DKK') AS invoice FROM ${quoteIdent(table)} GROUP BY doc)
       SELECT (SELECT coalesce(sum(amount), 0)::DOUBLE FROM ${quoteIdent(table)}) AS spend,
              (SELECT count(DISTINCT supplier_key) FROM ${quoteIdent(table)}) AS suppliers,
              count(*) FILTER (WHERE invoice AND total > 0 AND total < ${literal(limit)}) AS small,
              count(*) FILTER (WHERE invoice) AS invoices
         FROM d`,
    );
    const supplierRows = await queryRows(
      db,
      `WITH t AS (SELECT cat2, supplier_key, sum(amount)::DOUBLE AS spend FROM ${quoteIdent(table)} WHERE cat2 IS NOT NULL GROUP BY cat2, supplier_key)
       SELECT t.cat2, t.supplier_key, nm.name, t.spend
         FROM t LEFT JOIN (${spellingSql(quoteIdent(table), 'cat2, supplier_key', 'cat2 IS NOT NULL')}) nm USING (cat2, supplier_key)`,
    );
    const invoices = Number(total?.invoices ?? 0);
    return {
      dataset,
      window,
      annualSpend: Math.round(Number(total?.spend ?? 0) * f * 100) / 100,
      suppliers: Number(total?.suppliers ?? 0),
      smallOrderShare: invoices > 0 ? Number(total?.small ?? 0) / invoices : null,
      ...(await categoryMetrics(db, windowLines, { smallOrderLimit: limit }).then((m) => ({
        category1: m.category1.map((x) => annualise(x, f)),
        category2: m.category2.map((x) => annualise(x, f)),
      }))),
      compliance: await complianceSummary(db, windowLines),
      supplierSpend: supplierRows.map((r) => ({
        categoryId: String(r.cat2), key: String(r.supplier_key), name: r.name === null ? null : String(r.name),
        spend: Math.round(Number(r.spend) * f * 100) / 100,
      })),
    };
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
    await lines.close();
  }
}
