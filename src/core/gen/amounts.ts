import { isAddressable } from './categories.js';
import type { Random } from './prng.js';
import type { UnitCode } from './types.js';
import type { World } from './world.js';

/**
 * Line amounts. The municipality's spend is fixed (Demo Kommune: about 1 mia. kr. a year), whatever the line
 * count, so each category's mean line amount is calibrated from its spend and its expected number
 * of lines. At about 1M lines the amounts per line are realistic; a 20k-line file has fewer,
 * larger lines for the same municipality.
 */

export const CREDIT_SHARE = 0.02;
const AVG_SMALL_ORDER_MINOR = 13_000;

export interface Calibration {
  /** Mean amount of an ordinary (not small-order) line, in øre. */
  meanMinor: number;
  smallShare: number;
  /** Mean lines per ordinary invoice. */
  perDoc: number;
  /** Relative number of invoices (before seasonality). */
  docWeight: number;
  /** Expected lines per invoice including small orders. */
  perDocEffective: number;
}

export function calibrate(world: World, lines: number, annualSpendKr: number): Map<string, Calibration> {
  const specs = [...world.categories.values()].map((c) => c.spec);
  const lineWeight = specs.reduce((sum, s) => sum + s.lines, 0);
  const addressableWeight = specs.filter((s) => isAddressable(s.id)).reduce((sum, s) => sum + s.spend, 0);
  const out = new Map<string, Calibration>();
  for (const spec of specs) {
    const expectedLines = Math.max(1, (lines * spec.lines) / lineWeight);
    const totalMinor = (2 * annualSpendKr * 100 * spec.spend) / addressableWeight;
    const smallShare = world.profile.smallOrderCategories.includes(spec.id) ? world.profile.smallOrderShare : 0;
    const perDocEffective = smallShare + (1 - smallShare) * spec.perDoc;
    const docs = expectedLines / perDocEffective;
    const smallLines = docs * smallShare;
    const ordinaryLines = Math.max(1, expectedLines - smallLines);
    // Credit notes subtract twice their share: the amount is missing and negated.
    const meanMinor = Math.max(2000, (totalMinor - smallLines * AVG_SMALL_ORDER_MINOR) / ordinaryLines / (1 - 2 * CREDIT_SHARE));
    out.set(spec.id, { meanMinor, smallShare, perDoc: spec.perDoc, docWeight: spec.lines / perDocEffective, perDocEffective });
  }
  return out;
}

export interface Priced {
  qtyHundredths: number;
  priceMinor: number;
  amountMinor: number;
}

const COUNTED: ReadonlySet<UnitCode> = new Set(['EA', 'PK', 'BX', 'SET', 'PR', 'RO', 'DAY']);
const MEASURED: ReadonlySet<UnitCode> = new Set(['KGM', 'LTR', 'TNE', 'MTQ']);

/** Quantity and price for a line of about `targetMinor`, at a given unit price. */
export function priceLine(rng: Random, unitCode: UnitCode, unitPriceMinor: number, targetMinor: number): Priced {
  let qty: number;
  let price = Math.max(1, Math.round(unitPriceMinor));
  if (unitCode === 'LS' || unitCode === 'MON') {
    qty = 100;
    // Service invoices are mostly in whole kroner; measured or itemised ones keep their øre.
    price = targetMinor > 100_000 && rng.chance(0.6) ? Math.round(targetMinor / 100) * 100 : Math.round(targetMinor);
    price = Math.max(100, price);
  } else if (COUNTED.has(unitCode)) {
    qty = Math.max(1, Math.round(targetMinor / price)) * 100;
  } else if (MEASURED.has(unitCode)) {
    qty = Math.max(1, Math.round((targetMinor / price) * 100));
  } else if (unitCode === 'KWH') {
    qty = Math.max(1, Math.round(targetMinor / price)) * 100;
  } else {
    // Hours are invoiced in half hours.
    qty = Math.max(1, Math.round((targetMinor / price) * 2)) * 50;
  }
  return { qtyHundredths: qty, priceMinor: price, amountMinor: Math.round((qty * price) / 100) };
}

/** A small order: quantity rounded down so the line stays below the target (and 250 kr.). */
export function priceSmall(unitCode: UnitCode, unitPriceMinor: number, targetMinor: number): Priced {
  const price = Math.max(1, Math.round(unitPriceMinor));
  const qty = COUNTED.has(unitCode)
    ? Math.max(1, Math.floor(targetMinor / price)) * 100
    : Math.max(1, Math.floor((targetMinor / price) * 100));
  return { qtyHundredths: qty, priceMinor: price, amountMinor: Math.round((qty * price) / 100) };
}

/**
 * Of a few random candidates, the one that best fits the target amount. An item cheaper than the
 * target fits by quantity; a dearer one overshoots (goods come whole), so it is penalised three
 * times as hard; a lump sum takes any amount and only its typical size counts, weakly.
 */
export function closestItem<T extends { priceMinor: number; unitCode: UnitCode }>(rng: Random, draw: () => T, targetMinor: number): T {
  const cost = (item: T): number => {
    const ratio = Math.log(targetMinor / item.priceMinor);
    if (item.unitCode === 'LS' || item.unitCode === 'MON') return Math.abs(ratio) * 0.5;
    return ratio >= 0 ? ratio : -3 * ratio;
  };
  let best = draw();
  let bestCost = cost(best);
  for (let i = 0; i < 3; i++) {
    const candidate = draw();
    const c = cost(candidate);
    if (c < bestCost || (c === bestCost && rng.chance(0.5))) {
      best = candidate;
      bestCost = c;
    }
  }
  return best;
}

/** Prices rise a little from 2024 to 2025. */
export function yearFactor(year: number): number {
  return year === 2024 ? 0.985 : 1.015;
}
