// Edits to a workspace's category tree: rename, add, move. Pure functions returning a new tree;
// the input is never changed. Category ids never change (classifications, rules and contracts
// point at them), so a rename or a move needs no re-classification: the analysis joins level 2 to
// level 1 through the tree's `parent`. Nothing is deleted here.
import { cloneTree, validateTree, type Category, type CategoryTree, type Regime, type Sourcing } from './category-tree.js';

export type CategoryName = { da: string; en: string };

/** What went wrong, as a code the UI translates (messages `tree.err.<code>`), with parameters. */
export type TreeEditErrorCode =
  | 'unknownCategory'
  | 'emptyName'
  | 'nameTaken'
  | 'notLevel2'
  | 'unknownParent'
  | 'parentNotLevel1'
  | 'sameParent'
  | 'addressableUnderNonAddressable'
  | 'invalidTree'
  | 'resetInUse';

export class TreeEditError extends Error {
  constructor(
    readonly code: TreeEditErrorCode,
    readonly params: Record<string, string> = {},
    /** For `invalidTree`: validateTree's problems. */
    readonly problems: string[] = [],
  ) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}${problems.length ? `: ${problems.join('; ')}` : ''}`);
    this.name = 'TreeEditError';
  }
}

function find(tree: CategoryTree, id: string): Category {
  const c = tree.categories.find((x) => x.id === id);
  if (!c) throw new TreeEditError('unknownCategory', { id });
  return c;
}

function cleanName(name: CategoryName): CategoryName {
  const out = { da: name.da.trim().replace(/\s+/g, ' '), en: name.en.trim().replace(/\s+/g, ' ') };
  if (!out.da || !out.en) throw new TreeEditError('emptyName');
  return out;
}

/** Names are unique in the whole tree (per language, case-insensitive), as validateTree demands. */
function checkNameFree(tree: CategoryTree, name: CategoryName, except?: string): void {
  for (const lang of ['da', 'en'] as const) {
    const wanted = name[lang].toLowerCase();
    const other = tree.categories.find((c) => c.id !== except && c.name[lang].trim().toLowerCase() === wanted);
    if (other) throw new TreeEditError('nameTaken', { name: name[lang], other: other.id, lang });
  }
}

function checked(tree: CategoryTree): CategoryTree {
  const problems = validateTree(tree);
  if (problems.length) throw new TreeEditError('invalidTree', {}, problems);
  return tree;
}

export function renameCategory(tree: CategoryTree, id: string, name: CategoryName): CategoryTree {
  find(tree, id);
  const clean = cleanName(name);
  checkNameFree(tree, clean, id);
  const next = cloneTree(tree);
  next.categories = next.categories.map((c) => (c.id === id ? { ...c, name: clean } : c));
  return checked(next);
}

/** "Rengøring & hygiejne" → "rengoering-hygiejne": lowercase ASCII, digits and dashes. */
export function slugify(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return s || 'kategori';
}

/**
 * A new id: "user-<slug>" for level 1 (no dot, so tools that do not know the tree still read it
 * as level 1) and "<parent>.<slug>" for level 2; "-2", "-3" … when the id is taken.
 */
export function newCategoryId(tree: CategoryTree, parent: string | null, name: CategoryName): string {
  const base = parent === null ? `user-${slugify(name.da || name.en)}` : `${parent}.${slugify(name.da || name.en)}`;
  const taken = new Set(tree.categories.map((c) => c.id));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

export interface NewCategory {
  /** null: a new level-1 category; else the level-1 parent's id. */
  parent: string | null;
  name: CategoryName;
  /** Default: the parent's flag (true for level 1). */
  addressable?: boolean;
  /** Default: the parent's regime ('standard' for level 1). */
  regime?: Regime;
}

/** Adds a category (no crosswalk: its lines come from rules and manual assignment). Returns the tree and the new id. */
export function addCategory(tree: CategoryTree, spec: NewCategory): { tree: CategoryTree; id: string } {
  const parent = spec.parent === null ? null : tree.categories.find((c) => c.id === spec.parent);
  if (spec.parent !== null && !parent) throw new TreeEditError('unknownParent', { id: spec.parent });
  if (parent && parent.level !== 1) throw new TreeEditError('parentNotLevel1', { id: parent.id });
  const name = cleanName(spec.name);
  checkNameFree(tree, name);
  const addressable = spec.addressable ?? parent?.addressable ?? true;
  if (parent && addressable && !parent.addressable) throw new TreeEditError('addressableUnderNonAddressable', { id: parent.id });
  const id = newCategoryId(tree, parent?.id ?? null, name);
  const category: Category = {
    id,
    parent: parent?.id ?? null,
    level: parent ? 2 : 1,
    name,
    addressable,
    regime: spec.regime ?? parent?.regime ?? 'standard',
    crosswalk: { cpv: [], unspsc: [], accounts: [], keywords: [] },
  };
  const next = cloneTree(tree);
  // After the parent's last child (or at the end for level 1), so lists read in tree order.
  let at = next.categories.length;
  if (parent) {
    const last = next.categories.reduce((i, c, j) => (c.id === parent.id || c.parent === parent.id ? j : i), -1);
    at = last + 1;
  }
  next.categories.splice(at, 0, category);
  return { tree: checked(next), id };
}

/**
 * Moves a level-2 category under another level-1 category. The id stays (its lines keep their
 * category); the level-1 roll-up follows the new parent. The category keeps its place in the list
 * so the built-in rules' order (ties go to the category listed first) does not change.
 */
export function moveCategory(tree: CategoryTree, id: string, newParentId: string): CategoryTree {
  const c = find(tree, id);
  if (c.level !== 2) throw new TreeEditError('notLevel2', { id });
  const parent = tree.categories.find((x) => x.id === newParentId);
  if (!parent) throw new TreeEditError('unknownParent', { id: newParentId });
  if (parent.level !== 1) throw new TreeEditError('parentNotLevel1', { id: newParentId });
  if (c.parent === newParentId) throw new TreeEditError('sameParent', { id, parent: newParentId });
  if (c.addressable && !parent.addressable) throw new TreeEditError('addressableUnderNonAddressable', { id: newParentId });
  const next = cloneTree(tree);
  next.categories = next.categories.map((x) => (x.id === id ? { ...x, parent: newParentId } : x));
  return checked(next);
}

/** Ids in `tree` that `base` (the default tree) does not have: the categories the user added. */
export function addedCategoryIds(tree: CategoryTree, base: CategoryTree): string[] {
  const known = new Set(base.categories.map((c) => c.id));
  return tree.categories.filter((c) => !known.has(c.id)).map((c) => c.id);
}

/** The category and its level-2 children (by the tree's parent links, not by id prefix). */
export function categoryWithChildren(tree: CategoryTree, id: string): string[] {
  return [id, ...tree.categories.filter((c) => c.parent === id).map((c) => c.id)];
}

/**
 * How a category is bought: its EU regime (which threshold applies) and its sourcing (whether
 * volume can be pooled; see Sourcing). Neither touches a classification; the opportunities and
 * the Kraljic matrix read them on their next run.
 */
export function setProcurement(tree: CategoryTree, id: string, change: { regime?: Regime; sourcing?: Sourcing }): CategoryTree {
  find(tree, id);
  const next = cloneTree(tree);
  next.categories = next.categories.map((c) => (c.id === id ? { ...c, ...(change.regime ? { regime: change.regime } : {}), ...(change.sourcing ? { sourcing: change.sourcing } : {}) } : c));
  return checked(next);
}
