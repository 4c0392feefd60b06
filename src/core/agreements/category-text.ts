import { normaliseCategoryText, type CategoryTree } from '../taxonomy/category-tree.js';

/**
 * A register's category column in the tree's terms. Registers write our ids only when Overblik
 * made them; otherwise a category is a name ("Kontorartikler"), a word of the municipality's own
 * ("Kost", "IT & Tele"), or several ("Kontor; IT").
 */
export type TextMatchHow = 'id' | 'name' | 'synonym' | 'part';

export interface TextMatch {
  categoryId: string;
  how: TextMatchHow;
}

/** How sure a match is, per kind: an id or a full name says it outright; a part of a name is a guess. */
export const TEXT_MATCH_CONFIDENCE: Record<TextMatchHow, number> = { id: 1, name: 0.95, synonym: 0.9, part: 0.8 };

/** Parts of a name: "Kopipapir og papirvarer" → "kopipapir", "papirvarer". */
const partsOf = (normalised: string): string[] => normalised.split(/ og | samt |, /).map((p) => p.trim()).filter(Boolean);

interface Index {
  ids: Map<string, string>;
  names: Map<string, string>;
  synonyms: Map<string, string>;
  /** Part → categories whose name has it (level 2 listed first). */
  parts: Map<string, string[]>;
}

function indexOf(tree: CategoryTree): Index {
  const ids = new Map<string, string>();
  const names = new Map<string, string>();
  const synonyms = new Map<string, string>();
  const parts = new Map<string, string[]>();
  const ordered = [...tree.categories].sort((a, b) => b.level - a.level);
  for (const c of ordered) {
    ids.set(c.id.toLowerCase(), c.id);
    for (const n of [c.name.da, c.name.en]) {
      const key = normaliseCategoryText(n);
      names.set(key, c.id);
      for (const p of partsOf(key)) if (p !== key) parts.set(p, [...(parts.get(p) ?? []), c.id]);
    }
    for (const s of c.synonyms ?? []) synonyms.set(normaliseCategoryText(s), c.id);
  }
  return { ids, names, synonyms, parts };
}

function matchOne(index: Index, raw: string): TextMatch | null {
  const id = index.ids.get(raw.trim().toLowerCase());
  if (id) return { categoryId: id, how: 'id' };
  const key = normaliseCategoryText(raw);
  if (!key) return null;
  const name = index.names.get(key);
  if (name) return { categoryId: name, how: 'name' };
  const synonym = index.synonyms.get(key);
  if (synonym) return { categoryId: synonym, how: 'synonym' };
  // A part of one name only: "Papirvarer" is part of "Kopipapir og papirvarer".
  const owners = index.parts.get(key);
  if (owners && owners.length === 1) return { categoryId: owners[0]!, how: 'part' };
  return null;
}

const cache = new WeakMap<CategoryTree, Index>();

/**
 * The categories a category text names: the whole text first ("Kost", "IT og telefoni"), else
 * each item of a list ("Kontor; IT", "Kontorartikler, papir"). Empty when nothing is recognised.
 */
export function matchCategoryText(tree: CategoryTree, text: string | null | undefined): TextMatch[] {
  if (!text?.trim()) return [];
  let index = cache.get(tree);
  if (!index) cache.set(tree, (index = indexOf(tree)));
  const whole = matchOne(index, text);
  if (whole) return [whole];
  const out: TextMatch[] = [];
  for (const item of text.split(/[;,/|]| og | & /)) {
    const m = item.trim() ? matchOne(index, item) : null;
    if (m && !out.some((o) => o.categoryId === m.categoryId)) out.push(m);
  }
  return out;
}
