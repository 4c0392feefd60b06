import type { DbConnector } from '../db/connector.js';
import { supplierKeySql } from '../suppliers/name-key.js';
import { ensureSupplierTables } from '../suppliers/tables.js';
import { untilWritten } from '../db/write-count.js';

/**
 * Agreement → category mapping. The register (`contract`) has one row per agreement and supplier;
 * an agreement is identified by its number, else its name (agreementKeySql). Two tables:
 * - `agreement_category`: the automatic mapping (mapAgreements), one row per agreement and
 *   category, with the method that found it, a confidence and the basis (what matched);
 * - `agreement_category_manual`: a person's choice, which replaces the automatic mapping of that
 *   agreement (a row with category_id NULL: "covers no category"). Kept with the analysis.
 */
export const AGREEMENT_SCHEMA_SQL = [
  `CREATE TABLE IF NOT EXISTS agreement_category (
    agreement_key VARCHAR NOT NULL,
    -- NULL with method 'none': the agreement was looked at and nothing says what it covers.
    category_id VARCHAR,
    method VARCHAR NOT NULL,
    confidence DOUBLE NOT NULL,
    basis VARCHAR
  )`,
  `CREATE TABLE IF NOT EXISTS agreement_category_manual (
    agreement_key VARCHAR NOT NULL,
    category_id VARCHAR,
    decided_at TIMESTAMP
  )`,
] as const;

export async function ensureAgreementTables(db: DbConnector): Promise<void> {
  await ensureSupplierTables(db);
  await untilWritten(db, 'agreement-tables', async () => {
    for (const statement of AGREEMENT_SCHEMA_SQL) await db.exec(statement);
    return true;
  });
}

/** An agreement's key from a `contract` row aliased `a`: its number, else its name, else the register row. */
export function agreementKeySql(a = ''): string {
  const p = a ? `${a}.` : '';
  return `coalesce(nullif(lower(trim(${p}contract_id)), ''), 'navn:' || nullif(lower(trim(${p}name)), ''),
                   'række:' || ${p}file_id || ':' || ${p}"row")`;
}

/**
 * The categories each agreement covers as the analysis uses them: a person's choice where there
 * is one, else the automatic mapping. Columns: agreement_key, category_id.
 */
export const EFFECTIVE_AGREEMENT_CATEGORIES_SQL = `
  SELECT agreement_key, category_id FROM agreement_category_manual WHERE category_id IS NOT NULL
  UNION
  SELECT agreement_key, category_id FROM agreement_category
   WHERE category_id IS NOT NULL AND agreement_key NOT IN (SELECT agreement_key FROM agreement_category_manual)`;

/**
 * Every register row with its agreement key, the supplier key (merges applied) and the period:
 * agreement_key, supplier_key, valid_from, valid_to (open ends as far-away dates).
 */
export const AGREEMENT_SUPPLIERS_SQL = `
  SELECT k.agreement_key, coalesce(mm.to_key, k.key) AS supplier_key,
         coalesce(k.valid_from, DATE '0001-01-01') AS valid_from, coalesce(k.valid_to, DATE '9999-12-31') AS valid_to
    FROM (SELECT ${agreementKeySql()} AS agreement_key, valid_from, valid_to, ${supplierKeySql('supplier_cvr', 'supplier_name')} AS key
            FROM contract) k
    LEFT JOIN supplier_merge_map mm ON mm.from_key = k.key
   WHERE k.key IS NOT NULL`;
