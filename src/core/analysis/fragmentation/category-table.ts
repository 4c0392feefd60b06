import { baseConnector } from '../../db/abortable.js';
import type { DbConnector } from '../../db/connector.js';
import { keptTableExists } from '../../db/write-count.js';
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

/** Category tables kept per database and tree (the tree as JSON → the table's name), oldest first. */
const kept = new WeakMap<DbConnector, Map<string, Promise<string>>>();
const KEEP_TREES = 4;
let made = 0;

/**
 * A category table for `tree`, made once per database and tree and then shared by every reader: each
 * preparation of the lines made and dropped its own (two statements of 20–50 ms each in the browser, on
 * every filter change, drill-down and line page). Read-only for its readers. Whether it still exists is
 * checked again after any write (a rolled-back transaction takes a TEMP table made in it along).
 */
export async function sharedCategoryTable(db: DbConnector, tree: CategoryTree): Promise<string> {
  const base = baseConnector(db);
  const trees = kept.get(base) ?? new Map<string, Promise<string>>();
  kept.set(base, trees);
  const json = JSON.stringify(tree.categories);
  for (;;) {
    const pending = trees.get(json);
    if (!pending) break;
    const table = await pending.catch(() => null);
    if (table === null) {
      if (trees.get(json) === pending) trees.delete(json);
      continue;
    }
    if (await keptTableExists(base, table)) return table;
    if (trees.get(json) === pending) trees.delete(json);
  }
  const table = `_ovb_cat_t${Date.now().toString(36)}_${(made++).toString(36)}`;
  const making = createCategoryTable(base, table, tree).then(() => table);
  trees.set(json, making);
  // An older tree's table goes once a few newer ones are kept (a tree edit makes a new tree).
  while (trees.size > KEEP_TREES) {
    const [oldest, old] = trees.entries().next().value as [string, Promise<string>];
    trees.delete(oldest);
    void old.then((name) => base.exec(`DROP TABLE IF EXISTS ${quoteIdent(name)}`)).catch(() => undefined);
  }
  return making;
}
