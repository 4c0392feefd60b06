import type { DbConnector } from '../db/connector.js';

/** Loads the built-in Demo Kommune (wired to the generator once it lands). */
export async function loadDemo(_db: DbConnector): Promise<void> {
  throw new Error('Demo data is not available yet');
}
