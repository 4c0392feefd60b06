import type { DbConnector } from '../db/connector.js';
import { untilWritten } from '../db/write-count.js';

/**
 * The canonical tables (see DESIGN.md, data model). Amounts are DECIMAL(18,2) in DKK, credit
 * notes negative; every input row ends up either in spend_line or in import_reject.
 */
export const SCHEMA_SQL = [
  `CREATE TABLE IF NOT EXISTS import_file (
    file_id INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    format VARCHAR NOT NULL,
    encoding VARCHAR,
    source_kind VARCHAR NOT NULL,
    rows_read BIGINT NOT NULL,
    rows_loaded BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    amount_loaded DECIMAL(18,2) NOT NULL,
    period_from DATE,
    period_to DATE,
    cpr_masked BIGINT NOT NULL DEFAULT 0,
    fingerprint VARCHAR
  )`,
  // No PRIMARY KEY on the big tables: maintaining the index costs more than the import itself,
  // and line ids are unique by construction (file id × 10^9 + sequence).
  `CREATE TABLE IF NOT EXISTS spend_line (
    line_id BIGINT NOT NULL,
    file_id INTEGER NOT NULL,
    file VARCHAR NOT NULL,
    "row" BIGINT NOT NULL,
    source_kind VARCHAR NOT NULL,
    document_id VARCHAR,
    document_date DATE,
    posting_date DATE,
    supplier_cvr VARCHAR,
    supplier_name VARCHAR,
    supplier_key VARCHAR,
    unit VARCHAR,
    unit_ean VARCHAR,
    account VARCHAR,
    account_no VARCHAR,
    description VARCHAR,
    item_code VARCHAR,
    item_scheme VARCHAR,
    item_number VARCHAR,
    quantity DECIMAL(18,4),
    unit_price DECIMAL(18,4),
    amount DECIMAL(18,2) NOT NULL,
    currency VARCHAR NOT NULL DEFAULT 'DKK',
    amount_original DECIMAL(18,2),
    order_ref VARCHAR,
    municipality VARCHAR,
    -- false for an e-commerce line that is also invoiced: its spend is counted on the invoice
    counted BOOLEAN NOT NULL DEFAULT TRUE
  )`,
  `CREATE TABLE IF NOT EXISTS import_reject (
    file_id INTEGER NOT NULL,
    file VARCHAR NOT NULL,
    "row" BIGINT NOT NULL,
    raw VARCHAR,
    reason VARCHAR NOT NULL,
    -- JSON: the column, found/expected field counts and the engine's words (shown behind "Detaljer")
    detail VARCHAR
  )`,
  // Workspaces made before the detail column existed.
  `ALTER TABLE import_reject ADD COLUMN IF NOT EXISTS detail VARCHAR`,
  `CREATE TABLE IF NOT EXISTS classification (
    line_id BIGINT NOT NULL,
    category_id VARCHAR NOT NULL,
    rule_id VARCHAR,
    method VARCHAR NOT NULL,
    confidence DOUBLE NOT NULL,
    -- FALSE while a learned suggestion waits for a person (see docs/classification.md)
    accepted BOOLEAN DEFAULT TRUE,
    refine_rule_id VARCHAR,
    suggested_category_id VARCHAR,
    suggested_confidence DOUBLE
  )`,
  // The agreement register as the municipality keeps it, one row per agreement and supplier. It
  // names categories in its own words (category_text) or not at all; src/core/agreements maps each
  // agreement to the tree's categories.
  `CREATE TABLE IF NOT EXISTS contract (
    contract_id VARCHAR,
    name VARCHAR,
    supplier_cvr VARCHAR,
    supplier_name VARCHAR,
    category_text VARCHAR,
    valid_from DATE,
    valid_to DATE,
    framework VARCHAR,
    code VARCHAR,
    max_value DECIMAL(18,2),
    file_id INTEGER,
    "row" BIGINT
  )`,
] as const;

export async function ensureSchema(db: DbConnector): Promise<void> {
  // Every read path asks; in the app the checks run again only after a write (write-count.ts). One
  // batch, not a round trip per table: a rule edit checked the schema about 35 times.
  await untilWritten(db, 'schema', async () => {
    await db.exec(SCHEMA_SQL.join(';\n'));
    return true;
  });
}

/**
 * Tables other modules derive from the data or decide about it (suppliers and their merges, the
 * agreements' categories and a person's choices of them); a new analysis starts without them.
 */
const DERIVED_TABLES = ['supplier', 'supplier_merge', 'supplier_merge_map', 'agreement_category', 'agreement_category_manual'];

/**
 * Empties the workspace (a new analysis). The user's rules, the edited thresholds, the savings
 * rates and opportunity rules (`opportunity_settings`), the edited category tree (`category_tree`,
 * see tree-store.ts) and the supply-risk overrides of the Kraljic matrix (`kraljic_risk_override`)
 * stay: they are configuration that belongs to the consultant, not to one municipality's data.
 * start-over.ts also drops the manual overrides of single lines.
 */
export async function clearWorkspace(db: DbConnector): Promise<void> {
  await ensureSchema(db);
  for (const table of ['classification', 'spend_line', 'import_reject', 'import_file', 'contract']) await db.exec(`DELETE FROM ${table}`);
  for (const table of DERIVED_TABLES) await db.exec(`DROP TABLE IF EXISTS ${table}`);
}
