import type { DbConnector } from '../db/connector.js';
import { ensureSchema } from '../workspace/schema.js';
import { untilWritten } from '../db/write-count.js';

/**
 * The supplier tables. `supplier` is rebuilt from spend_line by buildSuppliers; `supplier_merge`
 * holds proposals and a person's decisions and survives rebuilds (it is part of the analysis);
 * `supplier_merge_map` is the resolved form of the accepted merges (raw key → effective key).
 */
export const SUPPLIER_TABLES_SQL = [
  `CREATE TABLE IF NOT EXISTS supplier (
    key VARCHAR NOT NULL,
    effective_key VARCHAR NOT NULL,
    cvr VARCHAR,
    cvr_valid BOOLEAN NOT NULL,
    cvr_status VARCHAR NOT NULL,
    display_name VARCHAR,
    name_key VARCHAR,
    variants STRUCT(name VARCHAR, lines BIGINT, spend DECIMAL(18,2))[],
    spend DECIMAL(18,2) NOT NULL,
    lines BIGINT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS supplier_merge (
    from_key VARCHAR NOT NULL,
    to_key VARCHAR NOT NULL,
    score DOUBLE,
    reason VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    decided_at TIMESTAMP
  )`,
  `CREATE TABLE IF NOT EXISTS supplier_merge_map (
    from_key VARCHAR NOT NULL,
    to_key VARCHAR NOT NULL
  )`,
] as const;

export async function ensureSupplierTables(db: DbConnector): Promise<void> {
  await ensureSchema(db);
  await untilWritten(db, 'supplier-tables', async () => {
    await db.exec(SUPPLIER_TABLES_SQL.join(';\n'));
    return true;
  });
}

/** CVR status as shown in the supplier view. */
export type CvrStatus = 'valid' | 'invalid' | 'missing';

export type MergeStatus = 'proposed' | 'accepted' | 'rejected';

/**
 * Empties the supplier tables, merge decisions included (a new analysis). Meant to be called
 * from clearWorkspace; kept here so the workspace module need not know the tables.
 */
export async function clearSupplierTables(db: DbConnector): Promise<void> {
  await ensureSupplierTables(db);
  for (const table of ['supplier', 'supplier_merge', 'supplier_merge_map']) await db.exec(`DELETE FROM ${table}`);
}
