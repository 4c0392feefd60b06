import type { DbConnector } from './connector.js';

/**
 * Runs `work` as one transaction: everything it changes appears at once, or, when it throws,
 * nothing does (DuckDB's DDL is transactional too, so dropped and created tables come back).
 */
export async function inTransaction<T>(db: DbConnector, work: () => Promise<T>): Promise<T> {
  await db.exec('BEGIN TRANSACTION');
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw error;
  }
  await db.exec('COMMIT');
  return result;
}
