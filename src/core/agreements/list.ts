import type { DbConnector } from '../db/connector.js';
import { queryRows, type Cell } from '../db/rows.js';
import { quoteIdent } from '../sql/escape.js';
import type { AnalysisLines } from '../analysis/fragmentation/lines.js';
import type { MappedCategory, MappingMethod } from './map.js';
import { AGREEMENT_SUPPLIERS_SQL, agreementKeySql, EFFECTIVE_AGREEMENT_CATEGORIES_SQL, ensureAgreementTables } from './schema.js';
import { spellingSql } from '../suppliers/spelling.js';

/**
 * The register as the "Aftaler" tab and the command line show it: one row per agreement with its
 * suppliers, period, the categories it covers (and why), the spend bought on it in the data, and
 * how much of a framework's maximum is used (a used-up framework no longer covers the duty to
 * tender: EU Court C-216/17, KFST 2019).
 */

export type AgreementStatus = 'active' | 'ending' | 'expired' | 'future';

export interface AgreementRow {
  key: string;
  id: string | null;
  name: string | null;
  framework: string | null;
  validFrom: string | null;
  validTo: string | null;
  categoryText: string | null;
  code: string | null;
  maxValue: number | null;
  suppliers: { name: string | null; cvr: string | null }[];
  /** The categories the analysis uses (a person's choice when `manual`). */
  categories: MappedCategory[];
  /** The automatic mapping, also when a person chose otherwise. */
  automatic: MappedCategory[];
  manual: boolean;
  status: AgreementStatus;
  /** Spend with the agreement's suppliers in its categories while it was valid (filtered data). */
  spend: number;
  /** That spend per year of data inside the agreement's period (null without dated spend). */
  annualSpend: number | null;
  /** Of the maximum or estimated value: used in the data, and projected over the whole term. */
  usedShare: number | null;
  projectedShare: number | null;
  /** The date the maximum is projected to be reached, when before the agreement ends. */
  maxReachedOn: string | null;
}

export interface AgreementListOptions {
  /** The date the register is read at (the data's last date); statuses are relative to it. */
  asOf: string | null;
  /** An agreement ending within this many months of `asOf` is `ending` (re-tender needed). */
  horizonMonths: number;
}

/** A framework is near its maximum from this share of it projected over its term. */
export const NEAR_MAX_SHARE = 0.9;

const str = (v: Cell | undefined): string | null => (v === null || v === undefined ? null : String(v));

function addMonths(iso: string, months: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

export function agreementStatus(validFrom: string | null, validTo: string | null, options: AgreementListOptions): AgreementStatus {
  if (!options.asOf) return 'active';
  if (validFrom && validFrom > options.asOf) return 'future';
  if (validTo && validTo < options.asOf) return 'expired';
  if (validTo && validTo <= addMonths(options.asOf, options.horizonMonths)) return 'ending';
  return 'active';
}

function mapped(v: Cell | undefined): MappedCategory[] {
  if (!Array.isArray(v)) return [];
  return v
    .map((x) => x as Record<string, Cell>)
    .map((x) => ({ categoryId: String(x.category_id), method: String(x.method) as MappingMethod, confidence: Number(x.confidence), basis: String(x.basis ?? '') }));
}

/** Every agreement of the register, over prepared lines (prepareAnalysisLines: filters and merges applied). */
export async function loadAgreements(db: DbConnector, lines: AnalysisLines, options: AgreementListOptions): Promise<AgreementRow[]> {
  await ensureAgreementTables(db);
  const t = quoteIdent(lines.table);
  const cats = quoteIdent(lines.categories);
  const rows = await queryRows(
    db,
    `WITH reg AS (SELECT ${agreementKeySql()} AS agreement_key, * FROM contract),
     -- Name and framework: the one most rows give, a tie to the last alphabetically (mode() left ties to row order).
     nm AS (${spellingSql('reg', 'agreement_key', 'TRUE', 'name')}),
     fw AS (${spellingSql('reg', 'agreement_key', 'TRUE', 'framework')}),
     a AS (SELECT agreement_key, min(contract_id) AS id, any_value(nm.name) AS name, any_value(fw.name) AS framework,
                  min(valid_from) AS valid_from, max(valid_to) AS valid_to, string_agg(DISTINCT category_text, '; ' ORDER BY category_text) AS category_text,
                  string_agg(DISTINCT code, ', ' ORDER BY code) AS code, max(max_value)::DOUBLE AS max_value,
                  list(DISTINCT {'name': supplier_name, 'cvr': supplier_cvr}) AS suppliers, min(file_id * 1e9 + "row") AS ord
             FROM reg LEFT JOIN nm USING (agreement_key) LEFT JOIN fw USING (agreement_key) GROUP BY 1),
     auto AS (SELECT agreement_key, list({'category_id': category_id, 'method': method, 'confidence': confidence, 'basis': basis}
                                          ORDER BY confidence DESC, category_id) FILTER (WHERE category_id IS NOT NULL) AS auto
                FROM agreement_category GROUP BY 1),
     man AS (SELECT agreement_key, list(category_id ORDER BY category_id) FILTER (WHERE category_id IS NOT NULL) AS ids
               FROM agreement_category_manual GROUP BY 1),
     cov AS (SELECT DISTINCT e.agreement_key, c.id AS cat2, c.parent AS cat1 FROM (${EFFECTIVE_AGREEMENT_CATEGORIES_SQL}) e
               JOIN ${cats} c ON c.level = 2 AND (c.id = e.category_id OR c.parent = e.category_id)),
     sup AS (SELECT DISTINCT * FROM (${AGREEMENT_SUPPLIERS_SQL})),
     -- Bought on it: the agreement's suppliers in its categories while valid; a line classified only to
     -- the level 1 above them ("vikar" → temporary staff) counts too, so a framework's use is not understated.
     hit AS (SELECT DISTINCT s.agreement_key, l.line_id, l.amount, l.date
               FROM sup s JOIN cov USING (agreement_key)
               JOIN ${t} l ON (l.cat2 = cov.cat2 OR (l.cat2 IS NULL AND l.cat1 = cov.cat1))
                AND l.supplier_key = s.supplier_key AND l.date BETWEEN s.valid_from AND s.valid_to),
     spend AS (SELECT agreement_key, sum(amount)::DOUBLE AS spend, min(date) AS first, max(date) AS last FROM hit GROUP BY 1)
     SELECT a.*, auto.auto, man.agreement_key IS NOT NULL AS manual, coalesce(man.ids, []) AS manual_ids,
            coalesce(spend.spend, 0) AS spend, spend.first, spend.last
       FROM a LEFT JOIN auto USING (agreement_key) LEFT JOIN man USING (agreement_key) LEFT JOIN spend USING (agreement_key)
      ORDER BY a.ord`,
  );
  const dataLast = options.asOf;
  return rows.map((r): AgreementRow => {
    const automatic = mapped(r.auto);
    const manual = r.manual === true;
    const manualIds = Array.isArray(r.manual_ids) ? r.manual_ids.map(String) : [];
    const categories = manual
      ? manualIds.map((id): MappedCategory => ({ categoryId: id, method: 'manual', confidence: 1, basis: '' }))
      : automatic;
    const validFrom = str(r.valid_from);
    const validTo = str(r.valid_to);
    const spend = Math.round(Number(r.spend) * 100) / 100;
    // Spend per year over the data inside the agreement's period.
    const from = [validFrom, str(r.first)].filter((x): x is string => !!x).sort().at(-1) ?? null;
    const to = dataLast && validTo ? (validTo < dataLast ? validTo : dataLast) : dataLast;
    const days = from && to ? (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 : 0;
    const annualSpend = days >= 28 ? Math.round((spend * 365.25 * 100) / days) / 100 : null;
    const maxValue = r.max_value === null ? null : Number(r.max_value);
    const termYears = validFrom && validTo ? (Date.parse(validTo) - Date.parse(validFrom)) / (365.25 * 86_400_000) : null;
    const usedShare = maxValue && maxValue > 0 ? spend / maxValue : null;
    const projectedShare = maxValue && maxValue > 0 && annualSpend !== null && termYears ? (annualSpend * termYears) / maxValue : null;
    let maxReachedOn: string | null = null;
    if (maxValue && annualSpend && annualSpend > 0 && validFrom && validTo && projectedShare !== null && projectedShare >= 1) {
      const reached = new Date(Date.parse(validFrom) + (maxValue / annualSpend) * 365.25 * 86_400_000).toISOString().slice(0, 10);
      maxReachedOn = reached < validTo ? reached : null;
    }
    return {
      key: String(r.agreement_key),
      id: str(r.id),
      name: str(r.name),
      framework: str(r.framework),
      validFrom,
      validTo,
      categoryText: str(r.category_text),
      code: str(r.code),
      maxValue,
      suppliers: Array.isArray(r.suppliers) ? r.suppliers.map((s) => s as Record<string, Cell>).map((s) => ({ name: str(s.name), cvr: str(s.cvr) })) : [],
      categories,
      automatic,
      manual,
      status: agreementStatus(validFrom, validTo, options),
      spend,
      annualSpend,
      usedShare: usedShare === null ? null : Math.round(usedShare * 1000) / 1000,
      projectedShare: projectedShare === null ? null : Math.round(projectedShare * 1000) / 1000,
      maxReachedOn,
    };
  });
}
