import { dayActivity, daysFromCivil, PERIOD_FIRST_DAY, PERIOD_LAST_DAY } from './calendar.js';
import { buildCatalog, type Catalog } from './catalogs.js';
import { buildOrgUnits, unitPicker } from './org-units.js';
import { coveredCategories, type SupplierRef } from './planted.js';
import type { GenProfile } from './profile.js';
import { Random, Weighted } from './prng.js';
import { buildSuppliers, type CategorySuppliers, type SupplierUniverse } from './suppliers.js';
import type { CategorySpec, Contract, OrgUnit, Supplier } from './types.js';
import type { VocabItem } from './vocab/index.js';

/**
 * Everything about a municipality that does not depend on how many lines are asked for: units,
 * suppliers, catalogues, agreements and the documents that must exist for the planted findings.
 * Same seed and profile → same world, whatever the line count or output formats.
 */

export interface CategoryRuntime {
  spec: CategorySpec;
  suppliers: CategorySuppliers;
  units: Weighted<OrgUnit>;
  vocab: VocabItem[];
  /** Weighted draw over `vocab` when its items carry weights; null: uniform. */
  vocabPicker: Weighted<VocabItem> | null;
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
  /** Prefix of the random streams: the seed for Demo Kommune, so its files stay as they were. */
  stream: string;
  profile: GenProfile;
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

export function isoDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return daysFromCivil(y!, m!, d!);
}

/** A random working day in [from, to]. */
export function workday(rng: Random, from = PERIOD_FIRST_DAY, to = PERIOD_LAST_DAY): number {
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

/** Stable order by day, so the chronological generator can take forced documents as it passes. */
export function sortForced(docs: readonly ForcedDoc[]): ForcedDoc[] {
  return docs.map((doc, i) => ({ doc, i })).sort((a, b) => a.doc.day - b.doc.day || a.i - b.i).map((x) => x.doc);
}

export function buildWorld(seed: string, profile: GenProfile): World {
  // Another profile draws from its own streams, so the same seed gives unrelated municipalities.
  const stream = profile.id === 'demo' ? seed : `${profile.id}|${seed}`;
  const rng = new Random(`${stream}|world`);
  const units = buildOrgUnits(rng, profile);
  const suppliers = buildSuppliers(rng, profile);
  const categories = new Map<string, CategoryRuntime>();
  const catalogs = new Map<string, Catalog>();
  for (const spec of profile.categories) {
    const vocab = profile.vocabularyFor(spec.id);
    const catSuppliers = suppliers.byCategory.get(spec.id)!;
    categories.set(spec.id, {
      spec,
      suppliers: catSuppliers,
      units: unitPicker(units, spec.units),
      vocab,
      vocabPicker: vocab.some((v) => v.weight !== undefined) ? new Weighted(vocab, vocab.map((v) => v.weight ?? 1)) : null,
      cheap: vocab.filter((v) => v.unitCode !== 'LS' && v.unitCode !== 'HUR' && v.priceMinor <= 20000),
    });
    if (!spec.ecom) continue;
    const sellers = new Set<Supplier>([...catSuppliers.all.filter((s) => s.key), ...catSuppliers.ranked.slice(0, 3)]);
    for (const supplier of sellers) {
      const catalog = buildCatalog(rng, profile, supplier, spec.id, units);
      if (catalog) catalogs.set(catalogKey(supplier, spec.id), catalog);
    }
  }
  const contracts: Contract[] = profile.contracts.flatMap((c) =>
    c.suppliers.map((ref) => ({
      id: c.id,
      name: c.name,
      supplier: resolve(ref, c.categoryId, suppliers),
      categoryId: c.categoryId,
      categoryIds: [...coveredCategories(c)],
      fromDay: isoDay(c.from),
      toDay: isoDay(c.to),
      framework: c.framework,
    })),
  );
  const supplierByCvr = new Map(suppliers.all.map((s) => [s.cvr, s]));
  const base = {
    seed, stream, profile, units, suppliers, categories, catalogs, contracts, municipality: suppliers.anchors.get('kommune')!, supplierByCvr,
  };
  return { ...base, forced: sortForced(profile.forcedDocs(rng, base)) };
}
