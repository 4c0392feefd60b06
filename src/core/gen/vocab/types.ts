import type { UnitCode } from '../types.js';

/**
 * One kind of invoice line: text template, typical price in kr. excl. VAT (per unit; for 'LS'
 * lump sums only a hint, the amount follows the category), unit code, an UNSPSC code of the
 * right segment, and optionally the art it is booked on when that differs from the category's.
 *
 * The vocabulary is written for the generator alone and never shared with the classifier's
 * keyword lists, so measured classification accuracy is honest.
 */
export type ItemRow = readonly [template: string, price: number, unit: UnitCode, unspsc: string, art?: string];

export type Vocabulary = Readonly<Record<string, readonly ItemRow[]>>;
