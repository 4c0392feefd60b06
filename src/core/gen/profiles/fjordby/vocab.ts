import { compileTemplate } from '../../template.js';
import type { UnitCode } from '../../types.js';
import type { VocabItem } from '../../vocab/index.js';
import { CARE_STAFF_VOCAB } from './vocab-care-staff.js';
import { OFFICE_IT_FACILITY_VOCAB } from './vocab-office-it-facility.js';
import { SERVICES_GOODS_VOCAB } from './vocab-services-goods.js';
import { WORKS_FOOD_ENERGY_VOCAB } from './vocab-works-food-energy.js';

/**
 * Fjordby's invoice texts: a vocabulary of its own for every level-2 category it buys in,
 * written without looking at Demo Kommune's vocabulary or the classifier's keyword lists, so
 * accuracy measured on Fjordby is honest. Other suppliers, other systems: other items, other
 * word order, other abbreviations ("lev.", "iflg.", "jf.", "ks.", "pk. a 10").
 *
 * A row: template (slots as in template.ts, plus MMYYYY "03.2025", YYYYMM "2025-04",
 * MONTHNAME "maj", DATE "12.03.2025", CASE a case reference), typical price in kr. excl. VAT
 * (for lump sums only a hint), unit code, and the art when it differs from the category's.
 * Fjordby's suppliers send no item classification codes.
 *
 * `generic` rows name no category at all ("Ydelse iflg. aftale", "Faktura 2025-04", "Ophold maj
 * jf. kontrakt"): only the supplier tells what was bought. They are the hard cases a classifier
 * must get from the supplier's other lines.
 */
export type FjRow = readonly [template: string, price: number, unit: UnitCode, art?: string];

export interface FjCategoryVocab {
  items: readonly FjRow[];
  generic?: readonly FjRow[];
}

export type FjVocabulary = Readonly<Record<string, FjCategoryVocab>>;

const ALL: FjVocabulary = {
  ...OFFICE_IT_FACILITY_VOCAB,
  ...WORKS_FOOD_ENERGY_VOCAB,
  ...CARE_STAFF_VOCAB,
  ...SERVICES_GOODS_VOCAB,
};

let compiled: Map<string, VocabItem[]> | null = null;

/**
 * How likely a generic row is drawn against an ordinary one. Generic texts are common in real
 * exports but not the rule: about one line in ten overall, more in services, none in some goods.
 */
const GENERIC_WEIGHT = 0.5;

function compileRow([template, price, unitCode, art]: FjRow, generic: boolean): VocabItem {
  return {
    template: compileTemplate(template), priceMinor: Math.round(price * 100), unitCode, unspsc: '', art: art ?? null, generic, weight: generic ? GENERIC_WEIGHT : 1,
  };
}

/** Compiled once, shared by every run. */
export function fjordbyVocabulary(): Map<string, VocabItem[]> {
  if (compiled) return compiled;
  compiled = new Map();
  for (const [categoryId, v] of Object.entries(ALL)) {
    compiled.set(categoryId, [...v.items.map((r) => compileRow(r, false)), ...(v.generic ?? []).map((r) => compileRow(r, true))]);
  }
  return compiled;
}

export function fjordbyVocabularyFor(categoryId: string): VocabItem[] {
  const items = fjordbyVocabulary().get(categoryId);
  if (!items || items.length === 0) throw new Error(`Fjordby has no vocabulary for ${categoryId}`);
  return items;
}

/** The raw rows, for tests that compare Fjordby's texts with Demo Kommune's. */
export const FJORDBY_VOCAB_ROWS: FjVocabulary = ALL;
