import type { Lang } from '../state/url-state.js';
import type { CategoryTree } from '../taxonomy/category-tree.js';

export interface CategoryOption {
  id: string;
  level: 1 | 2;
  /** "Kontor › Papir" for a level-2 category, the name alone for level 1. */
  label: string;
  /** The level-1 category's id (itself for level 1). */
  groupId: string;
  groupLabel: string;
}

/** Categories for a picker, in tree order: each level-1 category followed by its children. */
export function categoryOptions(tree: CategoryTree, lang: Lang): CategoryOption[] {
  const byId = new Map(tree.categories.map((c) => [c.id, c]));
  const out: CategoryOption[] = [];
  for (const top of tree.categories.filter((c) => c.level === 1)) {
    const group = top.name[lang];
    out.push({ id: top.id, level: 1, label: group, groupId: top.id, groupLabel: group });
    for (const child of tree.categories.filter((c) => c.parent === top.id)) {
      out.push({ id: child.id, level: 2, label: `${group} › ${child.name[lang]}`, groupId: top.id, groupLabel: group });
    }
  }
  // A category whose parent is missing still gets a row (never dropped silently).
  for (const c of tree.categories) {
    if (!out.some((o) => o.id === c.id)) {
      const parent = c.parent ? byId.get(c.parent) : undefined;
      out.push({ id: c.id, level: c.level, label: c.name[lang], groupId: parent?.id ?? c.id, groupLabel: parent?.name[lang] ?? c.name[lang] });
    }
  }
  return out;
}

/** "Level 1 › Level 2" for a category id; the id itself when the tree does not know it. */
export function categoryLabel(tree: CategoryTree, id: string | null | undefined, lang: Lang): string {
  if (!id) return '';
  const c = tree.categories.find((x) => x.id === id);
  if (!c) return id;
  const parent = c.parent ? tree.categories.find((x) => x.id === c.parent) : undefined;
  return parent ? `${parent.name[lang]} › ${c.name[lang]}` : c.name[lang];
}
