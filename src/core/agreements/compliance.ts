import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { quoteIdent } from '../sql/escape.js';
import { spellingSql } from '../suppliers/spelling.js';
import { loadOpportunitySettings } from '../analysis/opportunities/settings.js';
import { prepareAnalysisLines, type AnalysisOptions, type AnalysisLines } from '../analysis/fragmentation/lines.js';
import { loadAgreements, type AgreementRow } from './list.js';

/**
 * Compliance 1 (SKI): per level-2 category that has an agreement at some point, how much was
 * bought from the agreement's suppliers, how much beside them and how much while there was no
 * agreement; the suppliers bought from beside the agreement, and the same split per buying unit.
 * Over the filtered data (not only the § 35 window), addressable lines.
 */

export interface SupplierSpend {
  key: string;
  name: string | null;
  spend: number;
}

export interface UnitCompliance {
  unit: string | null;
  spend: number;
  onAgreement: number;
  offAgreement: number;
  onAgreementShare: number | null;
}

export interface CategoryCompliance {
  categoryId: string;
  spend: number;
  onAgreement: number;
  offAgreement: number;
  noAgreement: number;
  /** onAgreement over the spend while an agreement existed (on + off); null when there was none. */
  onAgreementShare: number | null;
  /** The largest suppliers bought from beside the agreement. */
  offSuppliers: SupplierSpend[];
  units: UnitCompliance[];
}

const round = (v: number) => Math.round(v * 100) / 100;
const share = (on: number, off: number) => (on + off > 0 ? Math.round((on / (on + off)) * 1000) / 1000 : null);

export async function complianceIn(db: DbConnector, lines: AnalysisLines, topSuppliers = 5): Promise<CategoryCompliance[]> {
  const t = quoteIdent(lines.table);
  const base = `SELECT * FROM ${t} WHERE addressable AND cat2 IN (SELECT cat2 FROM ${t} WHERE has_agreement)`;
  const cats = await queryRows(
    db,
    `SELECT cat2, sum(amount)::DOUBLE AS spend,
            coalesce(sum(amount) FILTER (WHERE on_contract), 0)::DOUBLE AS on_a,
            coalesce(sum(amount) FILTER (WHERE has_agreement AND NOT on_contract), 0)::DOUBLE AS off_a,
            coalesce(sum(amount) FILTER (WHERE NOT has_agreement), 0)::DOUBLE AS no_a
       FROM (${base}) GROUP BY cat2 ORDER BY off_a DESC, cat2`,
  );
  const off = await queryRows(
    db,
    `WITH off AS (SELECT * FROM (${base}) WHERE has_agreement AND NOT on_contract),
     top AS (SELECT cat2, supplier_key, sum(amount)::DOUBLE AS spend FROM off GROUP BY cat2, supplier_key
             QUALIFY row_number() OVER (PARTITION BY cat2 ORDER BY sum(amount) DESC, supplier_key) <= ${Math.max(1, Math.floor(topSuppliers))})
     SELECT top.cat2, top.supplier_key, nm.name, top.spend
       FROM top LEFT JOIN (${spellingSql('off', 'cat2, supplier_key')}) nm USING (cat2, supplier_key)
      ORDER BY top.cat2, top.spend DESC, top.supplier_key`,
  );
  const units = await queryRows(
    db,
    `SELECT cat2, unit, sum(amount)::DOUBLE AS spend,
            coalesce(sum(amount) FILTER (WHERE on_contract), 0)::DOUBLE AS on_a,
            coalesce(sum(amount) FILTER (WHERE has_agreement AND NOT on_contract), 0)::DOUBLE AS off_a
       FROM (${base}) GROUP BY ALL ORDER BY cat2, off_a DESC, unit NULLS LAST`,
  );
  const offBy = new Map<string, SupplierSpend[]>();
  for (const r of off) {
    const list = offBy.get(String(r.cat2)) ?? [];
    list.push({ key: String(r.supplier_key), name: r.name === null ? null : String(r.name), spend: round(Number(r.spend)) });
    offBy.set(String(r.cat2), list);
  }
  const unitsBy = new Map<string, UnitCompliance[]>();
  for (const r of units) {
    const list = unitsBy.get(String(r.cat2)) ?? [];
    const on = Number(r.on_a);
    const offA = Number(r.off_a);
    list.push({ unit: r.unit === null ? null : String(r.unit), spend: round(Number(r.spend)), onAgreement: round(on), offAgreement: round(offA), onAgreementShare: share(on, offA) });
    unitsBy.set(String(r.cat2), list);
  }
  return cats.map((r) => {
    const on = Number(r.on_a);
    const offA = Number(r.off_a);
    return {
      categoryId: String(r.cat2),
      spend: round(Number(r.spend)),
      onAgreement: round(on),
      offAgreement: round(offA),
      noAgreement: round(Number(r.no_a)),
      onAgreementShare: share(on, offA),
      offSuppliers: offBy.get(String(r.cat2)) ?? [],
      units: unitsBy.get(String(r.cat2)) ?? [],
    };
  });
}

export interface AgreementOverview {
  /** The data's last date (filtered): statuses and projections are relative to it. */
  asOf: string | null;
  horizonMonths: number;
  agreements: AgreementRow[];
  compliance: CategoryCompliance[];
}

/** What the "Aftaler" tab shows: the register with its mapping and use, and compliance per category and unit. */
export async function loadAgreementOverview(db: DbConnector, options: AnalysisOptions = {}): Promise<AgreementOverview> {
  const lines = await prepareAnalysisLines(db, options);
  try {
    const [last] = await queryRows(db, `SELECT max(date)::VARCHAR AS d FROM ${quoteIdent(lines.table)}`);
    const asOf = last?.d === null || last?.d === undefined ? null : String(last.d);
    const horizonMonths = (await loadOpportunitySettings(db)).rules.retenderHorizonMonths;
    return {
      asOf,
      horizonMonths,
      agreements: await loadAgreements(db, lines, { asOf, horizonMonths }),
      compliance: await complianceIn(db, lines),
    };
  } finally {
    await lines.close();
  }
}
