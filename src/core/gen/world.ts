import { dayActivity, daysFromCivil, PERIOD_FIRST_DAY, PERIOD_LAST_DAY } from './calendar.js';
import { buildCatalog, type Catalog } from './catalogs.js';
import { CATEGORY_SPECS } from './categories.js';
import { buildOrgUnits, unitPicker, unitWeights } from './org-units.js';
import {
  CONTRACT_SPECS, CPR_CATEGORIES, EUR_CATEGORIES, FRAGMENTED_CATEGORY, MAVERICK_CATEGORY,
  PRICE_VARIANCE_ITEMS, SMALL_ORDER_CATEGORIES, SPLIT_CATEGORY, type SupplierRef,
} from './planted.js';
import { Random, type Weighted } from './prng.js';
import { buildSuppliers, type CategorySuppliers, type SupplierUniverse } from './suppliers.js';
import type { CategorySpec, Contract, OrgUnit, Supplier } from './types.js';
import { vocabularyFor, type VocabItem } from './vocab/index.js';

/**
 * Everything about Demo Kommune that does not depend on how many lines are asked for: units,
 * suppliers, catalogues, agreements and the documents that must exist for the planted findings.
 * Same seed → same world, whatever the line count or output formats.
 */

export interface CategoryRuntime {
  spec: CategorySpec;
  suppliers: CategorySuppliers;
  units: Weighted<OrgUnit>;
  vocab: VocabItem[];
  /** Goods cheap enough for a planted small order. */
  cheap: VocabItem[];
}

/** A document the world requires on a given day (planted findings, every category present). */
export interface ForcedDoc {
  day: number;
  categoryId: string;
  supplier?: Supplier;
  unit?: OrgUnit;
  eur?: boolean;
  cpr?: boolean;
  small?: boolean;
  plantedItem?: string;
}

export interface World {
  seed: string;
  units: OrgUnit[];
  suppliers: SupplierUniverse;
  categories: Map<string, CategoryRuntime>;
  catalogs: Map<string, Catalog>;
  contracts: Contract[];
  forced: ForcedDoc[];
  municipality: Supplier;
  supplierByCvr: Map<string, Supplier>;
}

export const catalogKey = (supplier: Supplier, categoryId: string): string => `${supplier.index}|${categoryId}`;

function isoDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return daysFromCivil(y!, m!, d!);
}

function workday(rng: Random, from = PERIOD_FIRST_DAY, to = PERIOD_LAST_DAY): number {
  for (;;) {
    const day = rng.int(from, to);
    if (dayActivity(day) >= 1) return day;
  }
}

function resolve(ref: SupplierRef, categoryId: string, universe: SupplierUniverse): Supplier {
  const s = 'anchor' in ref ? universe.anchors.get(ref.anchor) : universe.byCategory.get(categoryId)?.ranked[ref.rank];
  if (!s) throw new Error(`contract supplier not found: ${JSON.stringify(ref)} in ${categoryId}`);
  return s;
}

function forcedDocs(rng: Random, world: Omit<World, 'forced'>): ForcedDoc[] {
  const out: ForcedDoc[] = [];
  const cat = (id: string) => world.categories.get(id)!;
  for (const id of world.categories.keys()) out.push({ day: workday(rng), categoryId: id });
  cat(FRAGMENTED_CATEGORY).suppliers.all.forEach((supplier, i) => {
    out.push({ day: workday(rng), categoryId: FRAGMENTED_CATEGORY, supplier, unit: world.units[i % world.units.length] });
  });
  for (const supplier of cat(SPLIT_CATEGORY).suppliers.all) {
    out.push({ day: workday(rng, PERIOD_FIRST_DAY, daysFromCivil(2024, 12, 31)), categoryId: SPLIT_CATEGORY, supplier });
    out.push({ day: workday(rng, daysFromCivil(2025, 1, 1)), categoryId: SPLIT_CATEGORY, supplier });
  }
  for (const supplier of cat(MAVERICK_CATEGORY).suppliers.ranked) {
    for (let k = 0; k < 2; k++) out.push({ day: workday(rng), categoryId: MAVERICK_CATEGORY, supplier });
  }
  for (const item of PRICE_VARIANCE_ITEMS) {
    const weights = unitWeights(world.units, cat(item.categoryId).spec.units);
    const eligible = rng.shuffled(world.units.filter((u) => weights[u.index]! > 0)).slice(0, 6);
    const supplier = world.suppliers.anchors.get(item.anchor)!;
    for (const unit of eligible) out.push({ day: workday(rng), categoryId: item.categoryId, supplier, unit, plantedItem: item.key });
  }
  for (const id of EUR_CATEGORIES) out.push({ day: workday(rng), categoryId: id, eur: true });
  for (const id of CPR_CATEGORIES.slice(0, 3)) out.push({ day: workday(rng), categoryId: id, cpr: true });
  for (const id of SMALL_ORDER_CATEGORIES) {
    for (let k = 0; k < 5; k++) out.push({ day: workday(rng), categoryId: id, small: true });
  }
  // Stable order by day, so the chronological generator can take them as it passes.
  return out.map((doc, i) => ({ doc, i })).sort((a, b) => a.doc.day - b.doc.day || a.i - b.i).map((x) => x.doc);
}

export function buildWorld(seed: string): World {
  const rng = new Random(`${seed}|world`);
  const units = buildOrgUnits(rng);
  const suppliers = buildSuppliers(rng, CATEGORY_SPECS);
  const categories = new Map<string, CategoryRuntime>();
  const catalogs = new Map<string, Catalog>();
  for (const spec of CATEGORY_SPECS) {
    const vocab = vocabularyFor(spec.id);
    const catSuppliers = suppliers.byCategory.get(spec.id)!;
    categories.set(spec.id, {
      spec,
      suppliers: catSuppliers,
      units: unitPicker(units, spec.units),
      vocab,
      cheap: vocab.filter((v) => v.unitCode !== 'LS' && v.unitCode !== 'HUR' && v.priceMinor <= 20000),
    });
    if (!spec.ecom) continue;
    const sellers = new Set<Supplier>([...catSuppliers.all.filter((s) => s.key), ...catSuppliers.ranked.slice(0, 3)]);
    for (const supplier of sellers) {
      const catalog = buildCatalog(rng, supplier, spec.id, units);
      if (catalog) catalogs.set(catalogKey(supplier, spec.id), catalog);
    }
  }
  const contracts: Contract[] = CONTRACT_SPECS.flatMap((c) =>
    c.suppliers.map((ref) => ({
      id: c.id,
      name: c.name,
      supplier: resolve(ref, c.categoryId, suppliers),
      categoryId: c.categoryId,
      fromDay: isoDay(c.from),
      toDay: isoDay(c.to),
      framework: c.framework,
    })),
  );
  const supplierByCvr = new Map(suppliers.all.map((s) => [s.cvr, s]));
  const base = { seed, units, suppliers, categories, catalogs, contracts, municipality: suppliers.anchors.get('kommune')!, supplierByCvr };
  return { ...base, forced: forcedDocs(rng, base) };
}
