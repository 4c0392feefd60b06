import type { DbConnector } from '../db/connector.js';
import { literal } from '../sql/escape.js';
import type { CategoryTree } from '../taxonomy/category-tree.js';
import { ensureAgreementTables } from './schema.js';

/** A category id the tree does not have, named in Danish and English (nothing was saved). */
export class AgreementMappingError extends Error {
  constructor(readonly unknown: string[]) {
    super(`Unknown categories: ${unknown.join(', ')}`);
    this.name = 'AgreementMappingError';
  }
  get da(): string {
    return `Kategorien findes ikke i kategoritræet: ${this.unknown.join(', ')}`;
  }
}

/**
 * A person's choice of the categories an agreement covers; it replaces the automatic mapping for
 * that agreement in every screen, the Kraljic matrix, the action plan and the command line.
 * `categoryIds` empty: the agreement covers no category. `null`: back to the automatic mapping.
 */
export async function setAgreementCategories(db: DbConnector, agreementKey: string, categoryIds: readonly string[] | null, tree: CategoryTree): Promise<void> {
  await ensureAgreementTables(db);
  if (categoryIds) {
    const known = new Set(tree.categories.map((c) => c.id));
    const unknown = categoryIds.filter((id) => !known.has(id));
    if (unknown.length) throw new AgreementMappingError(unknown);
  }
  await db.exec(`DELETE FROM agreement_category_manual WHERE agreement_key = ${literal(agreementKey)}`);
  if (!categoryIds) return;
  const ids = categoryIds.length ? [...new Set(categoryIds)] : [null];
  await db.exec(
    `INSERT INTO agreement_category_manual VALUES ${ids.map((id) => `(${literal(agreementKey)}, ${literal(id)}, now()::TIMESTAMP)`).join(', ')}`,
  );
}
