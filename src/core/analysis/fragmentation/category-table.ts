import type { DbConnector } from '../../db/connector.js';
import { literal, quoteIdent } from '../../sql/escape.js';
import type { CategoryTree } from '../../taxonomy/category-tree.js';

/**
 * The category tree as a small temporary table for joins: id, parent, level, names, addressable
 * flag and procurement regime. Category ids that classification uses but the tree does not know
 * are handled where the lines are read (level from the id: "a.b" is level 2 under "a").
 */
export async function createCategoryTable(db: DbConnector, table: string, tree: CategoryTree): Promise<void> {
  const values = tree.categories.map(
    (c) =>
      `(${literal(c.id)}, ${literal(c.parent)}, ${c.level}, ${literal(c.name.da)}, ${literal(c.name.en)}, ${literal(c.addressable)}, ${literal(c.regime)})`,
  );
  const body = values.length
    ? `SELECT * FROM (VALUES ${values.join(', ')}) t(id, parent, level, name_da, name_en, addressable, regime)`
    : `SELECT NULL::VARCHAR AS id, NULL::VARCHAR AS parent, NULL::INTEGER AS level, NULL::VARCHAR AS name_da,
              NULL::VARCHAR AS name_en, NULL::BOOLEAN AS addressable, NULL::VARCHAR AS regime WHERE FALSE`;
  await db.exec(`CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS ${body}`);
}
