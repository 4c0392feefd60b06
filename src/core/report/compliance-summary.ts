import { agreementKeySql, EFFECTIVE_AGREEMENT_CATEGORIES_SQL } from '../agreements/schema.js';
import type { AnalysisLines } from '../analysis/fragmentation/lines.js';
import type { Text } from '../analysis/opportunities/types.js';
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { quoteIdent } from '../sql/escape.js';

/**
 * Agreements and compliance for the report's "on-agreement share" and the workbook's sheets, in
 * one place. It reads what the analysis lines already carry (compliance 1, see
 * prepareAnalysisLines): `has_agreement` (the category has an agreement on the line's date) and
 * `on_contract` (the line's supplier holds it), the same figures as groupMetrics'
 * onContractShare / offAgreementSpend, through the agreement → category mapping.
 */

export interface AgreementRow {
  id: string | null;
  name: string | null;
  supplierCvr: string | null;
  supplierName: string | null;
  categoryId: string | null;
  validFrom: string | null;
  validTo: string | null;
  framework: string | null;
}

export interface ComplianceCategory {
  categoryId: string;
  name: Text;
  /** Addressable spend of the category. */
  spend: number;
  /** Bought from a supplier holding an agreement in the category on the date. */
  onAgreement: number;
  /** Bought from another supplier while the category had an agreement. */
  offAgreement: number;
  /** Bought while the category had no agreement. */
  noAgreement: number;
  /** onAgreement / (onAgreement + offAgreement): SKI's compliance 1. */
  compliance: number | null;
  agreements: string[];
}

export interface ComplianceSummary {
  /** False without a contract register: then every share is null. */
  hasContracts: boolean;
  addressableSpend: number;
  onAgreementSpend: number;
  offAgreementSpend: number;
  noAgreementSpend: number;
  /** On-agreement spend / addressable spend (the report's headline). */
  onAgreementShare: number | null;
  /** On-agreement / spend in categories with an agreement. */
  compliance: number | null;
  /** Categories where an agreement applied to some spend, largest off-agreement spend first. */
  categories: ComplianceCategory[];
  agreements: AgreementRow[];
}

const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const share = (part: number, whole: number): number | null => (whole !== 0 ? part / whole : null);

/** Over prepared lines (filters applied); addressable lines only, as the opportunities. */
export async function complianceSummary(db: DbConnector, lines: AnalysisLines): Promise<ComplianceSummary> {
  const rows = await queryRows(
    db,
    `SELECT l.cat2, any_value(c.name_da) AS name_da, any_value(c.name_en) AS name_en,
            sum(l.amount)::DECIMAL(18,2) AS spend,
            coalesce(sum(l.amount) FILTER (WHERE l.on_contract), 0)::DECIMAL(18,2) AS on_agreement,
            coalesce(sum(l.amount) FILTER (WHERE l.has_agreement AND NOT l.on_contract), 0)::DECIMAL(18,2) AS off_agreement,
            coalesce(sum(l.amount) FILTER (WHERE NOT l.has_agreement), 0)::DECIMAL(18,2) AS no_agreement,
            bool_or(l.has_agreement) AS any_agreement
       FROM ${quoteIdent(lines.table)} l LEFT JOIN ${quoteIdent(lines.categories)} c ON c.id = l.cat2
      WHERE l.addressable
      GROUP BY l.cat2`,
  );
  // One row per register row and category it covers (the agreement → category mapping of
  // src/core/agreements: a person's choice, else the automatic one); an unmapped agreement once, without.
  const contracts = await queryRows(
    db,
    `SELECT k.contract_id, k.name, k.supplier_cvr, k.supplier_name, e.category_id, k.valid_from, k.valid_to, k.framework
       FROM (SELECT ${agreementKeySql()} AS agreement_key, * FROM contract) k
       LEFT JOIN (${EFFECTIVE_AGREEMENT_CATEGORIES_SQL}) e USING (agreement_key)
      ORDER BY e.category_id NULLS LAST, k.contract_id NULLS LAST, k.supplier_name NULLS LAST`,
  );
  const agreements: AgreementRow[] = contracts.map((r) => ({
    id: str(r.contract_id), name: str(r.name), supplierCvr: str(r.supplier_cvr), supplierName: str(r.supplier_name),
    categoryId: str(r.category_id), validFrom: str(r.valid_from), validTo: str(r.valid_to), framework: str(r.framework),
  }));
  const parents = new Map(lines.tree.categories.map((c) => [c.id, c.parent]));
  const sum = (key: string) => Math.round(rows.reduce((a, r) => a + Number(r[key]) * 100, 0)) / 100;
  const addressableSpend = sum('spend');
  const onAgreementSpend = sum('on_agreement');
  const offAgreementSpend = sum('off_agreement');
  const categories = rows
    .filter((r) => r.cat2 !== null && r.any_agreement === true)
    .map((r): ComplianceCategory => {
      const id = String(r.cat2);
      const on = Number(r.on_agreement);
      const off = Number(r.off_agreement);
      const ids = agreements
        .filter((a) => a.categoryId === id || (a.categoryId !== null && a.categoryId === parents.get(id)))
        .map((a) => a.id ?? a.name ?? '?');
      return {
        categoryId: id,
        name: r.name_da === null ? { da: id, en: id } : { da: String(r.name_da), en: String(r.name_en) },
        spend: Number(r.spend), onAgreement: on, offAgreement: off, noAgreement: Number(r.no_agreement),
        compliance: share(on, on + off), agreements: [...new Set(ids)],
      };
    })
    .sort((a, b) => b.offAgreement - a.offAgreement || b.spend - a.spend || a.categoryId.localeCompare(b.categoryId));
  const has = lines.hasContracts;
  return {
    hasContracts: has,
    addressableSpend,
    onAgreementSpend,
    offAgreementSpend,
    noAgreementSpend: sum('no_agreement'),
    onAgreementShare: has ? share(onAgreementSpend, addressableSpend) : null,
    compliance: has ? share(onAgreementSpend, onAgreementSpend + offAgreementSpend) : null,
    categories,
    agreements,
  };
}
