import { compileTemplate, type Template } from '../template.js';
import type { UnitCode } from '../types.js';
import { FACILITY } from './facility.js';
import { FINANCE_NONADDR } from './finance-nonaddr.js';
import { FOOD_HEALTH } from './food-health.js';
import { LEARNING_EQUIPMENT } from './learning-equipment.js';
import { OFFICE_IT } from './office-it.js';
import { SOCIAL_STAFFING } from './social-staffing.js';
import { TRANSPORT_CONSULTING } from './transport-consulting.js';
import type { Vocabulary } from './types.js';
import { WORKS_ENERGY } from './works-energy.js';

export interface VocabItem {
  template: Template;
  /** Typical unit price in øre. */
  priceMinor: number;
  unitCode: UnitCode;
  unspsc: string;
  art: string | null;
  /** A text that names no category ("Ydelse iflg. aftale"); only the supplier tells what it is. */
  generic?: boolean;
  /** Relative chance of being drawn; absent: every item of the category equally likely. */
  weight?: number;
}

const ALL: Vocabulary = {
  ...OFFICE_IT,
  ...FACILITY,
  ...WORKS_ENERGY,
  ...FOOD_HEALTH,
  ...SOCIAL_STAFFING,
  ...TRANSPORT_CONSULTING,
  ...LEARNING_EQUIPMENT,
  ...FINANCE_NONADDR,
};

let compiled: Map<string, VocabItem[]> | null = null;

/** Compiled vocabulary per level-2 category id (compiled once, shared by every run). */
export function vocabulary(): Map<string, VocabItem[]> {
  if (compiled) return compiled;
  compiled = new Map();
  for (const [categoryId, rows] of Object.entries(ALL)) {
    compiled.set(
      categoryId,
      rows.map(([template, price, unitCode, unspsc, art]) => ({
        template: compileTemplate(template),
        priceMinor: Math.round(price * 100),
        unitCode,
        unspsc,
        art: art ?? null,
      })),
    );
  }
  return compiled;
}

export function vocabularyFor(categoryId: string): VocabItem[] {
  const items = vocabulary().get(categoryId);
  if (!items || items.length === 0) throw new Error(`no vocabulary for ${categoryId}`);
  return items;
}
