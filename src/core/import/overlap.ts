import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';

export interface OverlapSummary {
  /** E-commerce lines whose order is also invoiced: their spend is counted once, on the invoice. */
  linkedLines: number;
  linkedAmount: number;
  /** Without an order reference: supplier-months bought through both channels, flagged not removed. */
  unlinkedSupplierMonths: number;
  unlinkedAmount: number;
}

/**
 * E-commerce order lines are usually invoiced too. Link them on the order reference and count
 * the spend once (on the invoice); where there is no reference, report the possible overlap.
 */
export async function linkEcommerce(db: DbConnector): Promise<OverlapSummary> {
  // Only the lines whose flag changes are written: an import of invoices alone then writes none,
  // where rewriting the flag of every line took 0.15 s at 1M lines in the browser.
  await db.exec(
    `UPDATE spend_line SET counted = NOT counted
      WHERE counted = (source_kind = 'ecommerce' AND order_ref IS NOT NULL AND order_ref IN (
        SELECT order_ref FROM spend_line WHERE source_kind = 'invoice' AND order_ref IS NOT NULL))`,
  );
  return overlapSummary(db);
}

/** The current overlap between e-commerce and invoices, without changing anything. */
export async function overlapSummary(db: DbConnector): Promise<OverlapSummary> {
  const [linked] = await queryRows(
    db,
    `SELECT count(*) AS n, coalesce(sum(amount), 0)::DECIMAL(18,2) AS amount FROM spend_line WHERE NOT counted`,
  );
  const [unlinked] = await queryRows(
    db,
    `WITH m AS (
       SELECT supplier_key, date_trunc('month', coalesce(document_date, posting_date)) AS month,
              sum(amount) FILTER (WHERE source_kind = 'invoice' AND order_ref IS NULL) AS inv,
              sum(amount) FILTER (WHERE source_kind = 'ecommerce' AND counted) AS ecom
         FROM spend_line GROUP BY ALL)
     SELECT count(*) AS n, coalesce(sum(least(inv, ecom)), 0)::DECIMAL(18,2) AS amount
       FROM m WHERE inv > 0 AND ecom > 0`,
  );
  return {
    linkedLines: Number(linked?.n ?? 0),
    linkedAmount: Number(linked?.amount ?? 0),
    unlinkedSupplierMonths: Number(unlinked?.n ?? 0),
    unlinkedAmount: Number(unlinked?.amount ?? 0),
  };
}
