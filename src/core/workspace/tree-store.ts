import { writeCategories } from '../classify/rule-table.js';
import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { literal } from '../sql/escape.js';
import { defaultCategoryTree, validateTree, type Category, type CategoryTree } from '../taxonomy/category-tree.js';
import { addedCategoryIds, TreeEditError } from '../taxonomy/tree-edits.js';
import { classifiedLinesSql } from '../analysis/fragmentation/classified.js';
import { ensureAgreementTables } from '../agreements/schema.js';
import { loadUserRules } from './rule-store.js';

/**
 * The workspace's own category tree (renamed, added and moved categories), kept as JSON like the
 * user's rules. No row: the default tree. "Start forfra" (clearWorkspace) keeps it, as it keeps
 * the rules: both are the consultant's configuration, not one municipality's data.
 */
const TABLE = `CREATE TABLE IF NOT EXISTS category_tree (json VARCHAR NOT NULL)`;

export async function ensureTreeTable(db: DbConnector): Promise<void> {
  await db.exec(TABLE);
}

/**
 * A category saved before a field was added to Category gets the field from the default tree's
 * category with the same id, so an older saved tree still loads.
 */
function withDefaults(saved: CategoryTree): CategoryTree {
  const defaults = new Map(defaultCategoryTree().categories.map((c) => [c.id, c]));
  return { ...saved, categories: saved.categories.map((c): Category => ({ ...defaults.get(c.id), ...c })) };
}

/** The saved tree, or the default tree when none is saved. A saved tree that no longer validates is an error. */
export async function loadWorkspaceTree(db: DbConnector): Promise<CategoryTree> {
  await ensureTreeTable(db);
  const [row] = await queryRows(db, 'SELECT json FROM category_tree LIMIT 1');
  if (!row) return defaultCategoryTree();
  const tree = withDefaults(JSON.parse(String(row.json)) as CategoryTree);
  const problems = validateTree(tree);
  if (problems.length) throw new TreeEditError('invalidTree', {}, problems);
  return tree;
}

/** Saves the tree (refused when validateTree finds problems) and refreshes the classifier's category table. */
export async function saveWorkspaceTree(db: DbConnector, tree: CategoryTree): Promise<void> {
  const problems = validateTree(tree);
  if (problems.length) throw new TreeEditError('invalidTree', {}, problems);
  await ensureTreeTable(db);
  await db.exec('DELETE FROM category_tree');
  await db.exec(`INSERT INTO category_tree VALUES (${literal(JSON.stringify(tree))})`);
  // cls_category (level-1 parent of every category) is what the engine's refinement reads.
  await writeCategories(db, tree);
}

/** Loads the tree, applies an edit (tree-edits.ts) and saves the result; returns it. */
export async function editWorkspaceTree(db: DbConnector, edit: (tree: CategoryTree) => CategoryTree): Promise<CategoryTree> {
  const next = edit(await loadWorkspaceTree(db));
  await saveWorkspaceTree(db, next);
  return next;
}

export interface CategoryUse {
  /** Counted lines classified to the category itself (decisions only, as the analysis counts). */
  lines: number;
  spend: number;
}

export interface TreeRow {
  category: Category;
  /** The category itself plus, for level 1, its children. */
  lines: number;
  spend: number;
  /** Lines classified to the category itself (for level 1: not to a child). */
  own: CategoryUse;
  children: TreeRow[];
}

/** Lines and net spend per category id, as the analysis counts them (counted lines, decided categories). */
export async function categoryUse(db: DbConnector, signal?: AbortSignal): Promise<Map<string, CategoryUse>> {
  const rows = await queryRows(
    db,
    `SELECT cls.category_id, count(*) AS lines, sum(l.amount)::DECIMAL(18,2) AS spend
       FROM spend_line l JOIN (${await classifiedLinesSql(db)}) cls USING (line_id)
      WHERE l.counted GROUP BY 1`,
    { signal },
  );
  return new Map(rows.map((r) => [String(r.category_id), { lines: Number(r.lines), spend: Number(r.spend) }]));
}

/** The tree for the editor: level-1 categories in tree order, each with its children and their use. */
export async function categoryTreeOverview(db: DbConnector, tree: CategoryTree, signal?: AbortSignal): Promise<TreeRow[]> {
  const use = await categoryUse(db, signal);
  const own = (id: string): CategoryUse => use.get(id) ?? { lines: 0, spend: 0 };
  return tree.categories
    .filter((c) => c.level === 1)
    .map((top) => {
      const children = tree.categories
        .filter((c) => c.parent === top.id)
        .map((c): TreeRow => ({ category: c, ...own(c.id), own: own(c.id), children: [] }));
      const sum = (k: 'lines' | 'spend') => children.reduce((s, c) => s + c[k], own(top.id)[k]);
      return { category: top, lines: sum('lines'), spend: Math.round(sum('spend') * 100) / 100, own: own(top.id), children };
    });
}

/**
 * Back to the default tree. Refused (resetInUse) while a category the user added is still used by
 * a classification (decided or suggested), a user rule or a contract: resetting must not lose any.
 */
export async function resetWorkspaceTree(db: DbConnector): Promise<CategoryTree> {
  const current = await loadWorkspaceTree(db);
  const added = addedCategoryIds(current, defaultCategoryTree());
  if (added.length) {
    await ensureAgreementTables(db);
    const ids = added.map(literal).join(', ');
    const used = new Set<string>();
    const rows = await queryRows(
      db,
      `SELECT DISTINCT category_id AS id FROM classification WHERE category_id IN (${ids})
       UNION SELECT DISTINCT suggested_category_id FROM classification WHERE suggested_category_id IN (${ids})
       UNION SELECT DISTINCT category_id FROM agreement_category_manual WHERE category_id IN (${ids})`,
    );
    for (const r of rows) used.add(String(r.id));
    for (const r of await loadUserRules(db, current)) if (added.includes(r.categoryId)) used.add(r.categoryId);
    if (used.size) {
      const names = current.categories.filter((c) => used.has(c.id));
      throw new TreeEditError('resetInUse', { da: names.map((c) => c.name.da).join(', '), en: names.map((c) => c.name.en).join(', ') });
    }
  }
  await ensureTreeTable(db);
  await db.exec('DELETE FROM category_tree');
  const tree = defaultCategoryTree();
  await writeCategories(db, tree);
  return tree;
}
