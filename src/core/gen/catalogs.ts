import { PERIOD_FIRST_DAY } from './calendar.js';
import { UNIT_PRICE_FACTORS } from './planted.js';
import type { GenProfile } from './profile.js';
import { hash32, Random, Weighted } from './prng.js';
import { renderTemplate } from './template.js';
import type { CatalogItem, OrgUnit, Supplier, UnitCode } from './types.js';

/**
 * E-commerce catalogues: what a supplier sells through the municipality's e-commerce system,
 * with fixed item numbers, names and prices. Goods only; services are not bought from a catalogue.
 */

const GOODS_UNITS: ReadonlySet<UnitCode> = new Set(['EA', 'PK', 'BX', 'SET', 'PR', 'RO', 'KGM', 'LTR']);

export interface Catalog {
  items: CatalogItem[];
  picker: Weighted<CatalogItem>;
}

/** Shop prices: x,95 above 100 kr., whole quarters below. */
function shopPrice(minor: number): number {
  if (minor >= 10000) return Math.max(95, Math.round(minor / 100) * 100 - 5);
  return Math.max(25, Math.round(minor / 25) * 25);
}

function itemNumber(rng: Random, supplier: Supplier, used: Set<string>): string {
  const style = supplier.index % 4;
  for (;;) {
    let id: string;
    if (style === 0) id = String(rng.int(100000, 999999));
    else if (style === 1) id = `${supplier.name.slice(0, 2).toUpperCase().replace(/[^A-ZÆØÅ]/g, 'X')}-${rng.int(10000, 99999)}`;
    else if (style === 2) id = String(rng.int(10000000, 99999999));
    else id = `${rng.int(1000, 9999)}.${rng.int(100, 999)}`;
    if (!used.has(id)) {
      used.add(id);
      return id;
    }
  }
}

export function buildCatalog(rng: Random, profile: GenProfile, supplier: Supplier, categoryId: string, units: readonly OrgUnit[]): Catalog | null {
  const goods = profile.vocabularyFor(categoryId).filter((v) => GOODS_UNITS.has(v.unitCode));
  if (goods.length === 0) return null;
  const used = new Set<string>();
  const items: CatalogItem[] = [];
  const plantedHere = profile.priceVariance.filter((p) => p.categoryId === categoryId && supplier.key === p.anchor);
  // A generated item must never share a planted item's name, or the planted spread would blur.
  const names = new Set<string>(plantedHere.map((p) => p.name));
  const size = Math.min(goods.length * 2, rng.int(6, 16));
  for (let i = 0; i < size * 3 && items.length < size; i++) {
    const vocab = rng.pick(goods);
    const name = renderTemplate(vocab.template, { rng, words: profile.words, day: PERIOD_FIRST_DAY, unit: units[0]!, cpr: null, cprUsed: false });
    if (names.has(name)) continue;
    names.add(name);
    const jitter = 0.9 + rng.next() * 0.2;
    items.push({
      itemNo: itemNumber(rng, supplier, used),
      name,
      unspsc: vocab.unspsc,
      unitCode: vocab.unitCode,
      priceMinor: shopPrice(vocab.priceMinor * supplier.priceLevel * jitter),
      weight: 0.3 + rng.next(),
    });
  }
  for (const planted of plantedHere) {
    // Planted items are bought often, so their price spread shows in any sample size.
    items.push({
      itemNo: itemNumber(rng, supplier, used),
      name: planted.name,
      unspsc: planted.unspsc,
      unitCode: planted.unitCode,
      priceMinor: shopPrice(planted.price * 100),
      weight: 1.5,
      planted: planted.key,
    });
  }
  if (items.length === 0) return null;
  return { items, picker: new Weighted(items, items.map((it) => it.weight)) };
}

/** The price a unit pays for a catalogue item: the list price, except for planted items. */
export function unitPrice(item: CatalogItem, unit: OrgUnit, seed: string): number {
  if (!item.planted) return item.priceMinor;
  const factor = UNIT_PRICE_FACTORS[hash32(`${seed}|${item.planted}|${unit.index}`) % UNIT_PRICE_FACTORS.length]!;
  return shopPrice(item.priceMinor * factor);
}
