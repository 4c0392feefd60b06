// The category tree and its crosswalk are data (default-tree.json) so a municipality can edit them;
// this module only loads, checks and looks them up. See docs/category-tree.md.
import tree from './default-tree.json' with { type: 'json' };

/** Procurement regime: which EU threshold applies (udbudsloven; light = bilag 10 / Annex XIV). */
export type Regime = 'standard' | 'light' | 'works';

/**
 * Whether the category's volume can be pooled across the organisation, which is what the
 * `tender` and `consolidate` opportunities assume:
 * - `pooled` (the default when absent): the same goods or services bought by many units;
 * - `per-project`: each construction work is valued and tendered on its own (udbudsloven § 30 on
 *   the work, tilbudsloven), so a year of separate projects is not one contract to bundle;
 * - `individual`: bought per citizen after individual assessment (placements, special schools,
 *   treatment with free choice of provider), so the need, not the buyer, picks the supplier;
 * - `excluded`: outside competition — leases of existing buildings (Directive 2014/24/EU
 *   art. 10(a), implemented in udbudsloven) and supply from the local monopoly utility.
 * Agreement compliance, small orders and price variance apply whatever the flag.
 */
export type Sourcing = 'pooled' | 'per-project' | 'individual' | 'excluded';

export interface Crosswalk {
  /** CPV 2008 code prefixes, digits only, 2–8 digits. */
  cpv: string[];
  /** UNSPSC prefixes: segment (2), family (4), class (6) or commodity (8). */
  unspsc: string[];
  /** Municipal chart-of-accounts arter ("2.2", "5"), matched as prefixes of the dotted art. */
  accounts: string[];
  /** Lowercase Danish words or phrases, matched as a whole word or a word prefix. */
  keywords: string[];
}

export interface Category {
  id: string;
  parent: string | null;
  level: 1 | 2;
  name: { da: string; en: string };
  addressable: boolean;
  regime: Regime;
  /** Absent means `pooled`. */
  sourcing?: Sourcing;
  /**
   * Other words registers and people use for the category ("kost" for food, "IT" for IT and
   * telecoms), lowercase; matched like the names (normaliseCategoryText), e.g. for an agreement
   * register's category column.
   */
  synonyms?: string[];
  crosswalk: Crosswalk;
}

export interface CategoryTree {
  version: string;
  name: { da: string; en: string };
  categories: Category[];
}

export type CrosswalkScheme = keyof Crosswalk;

const SCHEMES: readonly CrosswalkScheme[] = ['cpv', 'unspsc', 'accounts', 'keywords'];
const REGIMES: readonly Regime[] = ['standard', 'light', 'works'];
export const SOURCINGS: readonly Sourcing[] = ['pooled', 'per-project', 'individual', 'excluded'];

export const sourcingOf = (c: Pick<Category, 'sourcing'> | undefined): Sourcing => c?.sourcing ?? 'pooled';

export function cloneTree(t: CategoryTree): CategoryTree {
  return {
    version: t.version,
    name: { ...t.name },
    categories: t.categories.map((c) => ({
      ...c,
      name: { ...c.name },
      crosswalk: {
        cpv: [...c.crosswalk.cpv],
        unspsc: [...c.crosswalk.unspsc],
        accounts: [...c.crosswalk.accounts],
        keywords: [...c.crosswalk.keywords],
      },
    })),
  };
}

/** A fresh copy each call, so callers may edit it without touching the shipped default. */
export function defaultCategoryTree(): CategoryTree {
  // JSON imports widen literals (level: number, regime: string); validateTree checks the real values.
  return cloneTree(tree as CategoryTree);
}

const FORMAT: Record<CrosswalkScheme, { re: RegExp; hint: string }> = {
  cpv: { re: /^\d{2,8}$/, hint: '2–8 digits' },
  // UNSPSC levels are two digits each, so an odd-length prefix can only be a typo.
  unspsc: { re: /^(\d\d){1,4}$/, hint: '2, 4, 6 or 8 digits' },
  accounts: { re: /^\d(\.\d+)*$/, hint: 'an art such as "5" or "2.2"' },
  keywords: { re: /^\S(.*\S)?$/u, hint: 'trimmed, non-empty' },
};

/** Human-readable problems; an empty list means the tree can be used. */
export function validateTree(t: CategoryTree): string[] {
  const problems: string[] = [];
  const byId = new Map<string, Category>();
  for (const c of t.categories) {
    if (byId.has(c.id)) problems.push(`duplicate id "${c.id}"`);
    else byId.set(c.id, c);
  }
  const names = { da: new Map<string, string>(), en: new Map<string, string>() };
  for (const c of t.categories) {
    if (c.level !== 1 && c.level !== 2) problems.push(`"${c.id}": level must be 1 or 2`);
    if (!REGIMES.includes(c.regime)) problems.push(`"${c.id}": unknown regime "${String(c.regime)}"`);
    if (c.sourcing !== undefined && !SOURCINGS.includes(c.sourcing)) problems.push(`"${c.id}": unknown sourcing "${String(c.sourcing)}"`);
    if (c.level === 1 && c.parent !== null) problems.push(`level-1 "${c.id}" has a parent`);
    if (c.level === 2) {
      const parent = c.parent === null ? undefined : byId.get(c.parent);
      if (!parent) problems.push(`level-2 "${c.id}" has no existing parent ("${String(c.parent)}")`);
      else if (parent.level !== 1) problems.push(`level-2 "${c.id}": parent "${parent.id}" is not level 1`);
      // Non-addressable spend must stay out of opportunity figures however it is drilled into.
      else if (!parent.addressable && c.addressable) problems.push(`"${c.id}" is addressable under non-addressable "${parent.id}"`);
      // No id-prefix check: a level-2 category moved to another parent keeps its id (see tree-edits.ts).
    }
    for (const lang of ['da', 'en'] as const) {
      const n = c.name[lang].trim().toLowerCase();
      if (!n) problems.push(`"${c.id}": empty ${lang} name`);
      const other = names[lang].get(n);
      if (other !== undefined) problems.push(`${lang} name "${c.name[lang]}" used by "${other}" and "${c.id}"`);
      else names[lang].set(n, c.id);
    }
  }
  // A synonym must name one category only, and never another category's name.
  const said = new Map<string, string>();
  for (const c of t.categories) for (const n of [c.name.da, c.name.en]) said.set(normaliseCategoryText(n), c.id);
  for (const c of t.categories) {
    for (const syn of c.synonyms ?? []) {
      const key = normaliseCategoryText(syn);
      const other = said.get(key);
      if (!key) problems.push(`"${c.id}": empty synonym`);
      else if (other !== undefined && other !== c.id) problems.push(`synonym "${syn}" of "${c.id}" names "${other}" too`);
      else said.set(key, c.id);
    }
  }
  for (const scheme of SCHEMES) {
    const owner = new Map<string, string>();
    for (const c of t.categories) {
      for (const p of c.crosswalk[scheme]) {
        if (!FORMAT[scheme].re.test(p)) problems.push(`"${c.id}": ${scheme} "${p}" is not ${FORMAT[scheme].hint}`);
        if (scheme === 'keywords' && p !== p.toLowerCase()) problems.push(`"${c.id}": keyword "${p}" is not lowercase`);
        // Same prefix twice would make longest-prefix-wins ambiguous.
        const other = owner.get(p);
        if (other !== undefined) problems.push(`${scheme} "${p}" is in both "${other}" and "${c.id}"`);
        else owner.set(p, c.id);
      }
    }
  }
  return problems;
}

/**
 * A category as people write it, folded for comparison: lowercase, accents dropped (é → e) but
 * æ, ø and å kept (ä → æ, ö → ø for Swedish and German spellings), "&" and "and" read as "og",
 * punctuation as space. "IT & Tele" and "it og tele" are the same.
 */
export function normaliseCategoryText(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ä', 'æ')
    .replaceAll('ö', 'ø')
    .normalize('NFD')
    // Combining marks go, except the ring of å (U+030A), which NFC puts back on its a.
    .replace(/[\u0300-\u0309\u030B-\u036F]/g, '')
    .normalize('NFC')
    .replace(/&/g, ' og ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\band\b/g, 'og')
    .replace(/\s+/g, ' ')
    .trim();
}

function longestPrefix(t: CategoryTree, scheme: CrosswalkScheme, value: string): string | null {
  if (!value) return null;
  let best: string | null = null;
  let bestLen = 0;
  for (const c of t.categories) {
    for (const p of c.crosswalk[scheme]) {
      if (p.length > bestLen && value.startsWith(p)) {
        best = c.id;
        bestLen = p.length;
      }
    }
  }
  return best;
}

/** "30192000-1", "30192000" or "3019" → category id; the check digit is ignored. */
export function categoryForCpv(t: CategoryTree, code: string): string | null {
  return longestPrefix(t, 'cpv', (code.split('-')[0] ?? '').replace(/\D/g, ''));
}

export function categoryForUnspsc(t: CategoryTree, code: string): string | null {
  return longestPrefix(t, 'unspsc', code.replace(/\D/g, ''));
}

/**
 * Finance systems write the art as "2.2", "2,2" or "22"; all become "2.2" so that "2" never
 * catches "22" by accident and "5" still catches "5.2" and "5.9".
 */
export function normalizeArt(art: string): string {
  const s = art.trim().replace(/,/g, '.').replace(/\s+/g, '');
  if (/^\d{2,}$/.test(s)) return `${s[0]}.${s.slice(1)}`;
  return s;
}

export function categoryForAccount(t: CategoryTree, art: string): string | null {
  const a = normalizeArt(art);
  if (!/^\d(\.\d+)*$/.test(a)) return null;
  let best: string | null = null;
  let bestLen = 0;
  for (const c of t.categories) {
    for (const p of c.crosswalk.accounts) {
      // Whole dotted parts ("5" catches "5.2"), or digits after a dot ("2.2" catches the sub-art "2.21").
      const hit = a === p || a.startsWith(`${p}.`) || (p.includes('.') && a.startsWith(p));
      if (hit && p.length > bestLen) {
        best = c.id;
        bestLen = p.length;
      }
    }
  }
  return best;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Reference semantics of the keyword crosswalk: a keyword hits where it starts a word; the longest
 * hit wins (so "rengøringsmidler" beats "rengøring"); ties go to the category listed first.
 */
export function categoryForText(t: CategoryTree, text: string): string | null {
  const s = text.toLowerCase();
  let best: string | null = null;
  let bestLen = 0;
  for (const c of t.categories) {
    for (const k of c.crosswalk.keywords) {
      if (k.length <= bestLen) continue;
      for (let i = s.indexOf(k); i >= 0; i = s.indexOf(k, i + 1)) {
        if (i === 0 || !WORD_CHAR.test(s[i - 1] ?? '')) {
          best = c.id;
          bestLen = k.length;
          break;
        }
      }
    }
  }
  return best;
}
