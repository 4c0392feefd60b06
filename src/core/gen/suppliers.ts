import { makeCvr } from './ids.js';
import { type ContractSpec, coveredCategories } from './planted.js';
import type { GenProfile } from './profile.js';
import { Random, Weighted, zipfWeights } from './prng.js';
import type { Supplier, SupplierStyle } from './types.js';

/**
 * The supplier universe: about 1,500 suppliers with valid CVR numbers, a long tail in every
 * category, some selling into several related categories, and the named anchors of the planted
 * findings.
 */

export interface CategorySuppliers {
  /** Every supplier of the category, anchors first. */
  all: Supplier[];
  /** Generated suppliers by rank (largest first), as contracts refer to them. */
  ranked: Supplier[];
  picker: Weighted<Supplier>;
}

export interface SupplierUniverse {
  all: Supplier[];
  byCategory: Map<string, CategorySuppliers>;
  anchors: Map<string, Supplier>;
}

/** Demo Kommune's suppliers' habits: how each one's system writes CVR numbers and texts. */
export function demoSupplierStyle(rng: Random): SupplierStyle {
  return {
    dkPrefix: rng.chance(0.15) ? 0.8 : 0.02,
    upperText: rng.chance(0.1),
    itemNoInText: rng.chance(0.25),
    truncate40: rng.chance(0.08),
  };
}

/**
 * Where an agreement states its compliance, its suppliers get that share of the category's
 * weight and everyone else the rest, each keeping their relative size.
 */
function applyCompliance(
  contracts: readonly ContractSpec[], categoryId: string, members: readonly Supplier[], ranked: readonly Supplier[], weights: number[],
): void {
  const specs = contracts.filter((c) => coveredCategories(c).includes(categoryId) && c.compliance !== undefined);
  if (specs.length === 0) return;
  const compliance = specs[0]!.compliance!;
  const onAgreement = new Set(
    specs.flatMap((c) => c.suppliers.map((ref) => ('anchor' in ref ? members.find((m) => m.key === ref.anchor) : ranked[ref.rank]))),
  );
  let on = 0;
  let off = 0;
  members.forEach((m, i) => (onAgreement.has(m) ? (on += weights[i]!) : (off += weights[i]!)));
  if (on === 0 || off === 0) return;
  members.forEach((m, i) => (weights[i] = onAgreement.has(m) ? (weights[i]! / on) * compliance : (weights[i]! / off) * (1 - compliance)));
}

export function buildSuppliers(rng: Random, profile: GenProfile): SupplierUniverse {
  const { words } = profile;
  const usedCvr = new Set<string>();
  const usedNames = new Set<string>();
  const all: Supplier[] = [];
  const newSupplier = (name: string): Supplier => {
    const [zip, city] = rng.pick(words.cities);
    const supplier: Supplier = {
      index: all.length,
      cvr: makeCvr(rng, usedCvr),
      name,
      variants: [],
      categories: new Map(),
      priceLevel: Math.exp(rng.normal() * 0.1),
      style: profile.supplierStyle(rng),
      address: { street: rng.pick(words.streets), number: String(rng.int(1, 120)), zip, city },
    };
    usedNames.add(name);
    all.push(supplier);
    return supplier;
  };

  const anchors = new Map<string, Supplier>();
  for (const spec of profile.anchors) {
    const s = newSupplier(spec.name);
    s.key = spec.key;
    s.variants = [...spec.variants];
    if (spec.priceLevel) s.priceLevel = spec.priceLevel;
    if (spec.clean) {
      s.clean = true;
      s.style = { ...profile.cleanStyle };
    }
    anchors.set(spec.key, s);
  }

  const byCategory = new Map<string, CategorySuppliers>();
  const generatedByGroup = new Map<string, Supplier[]>();
  for (const spec of profile.categories) {
    const group = spec.id.split('.')[0]!;
    const siblings = generatedByGroup.get(group) ?? [];
    const fixed = profile.fixedWeights[spec.id];
    const count = fixed ? fixed.length : spec.suppliers;
    const ranked: Supplier[] = [];
    for (let i = 0; i < count; i++) {
      // Planted categories get their own suppliers so their figures stay exactly as specified.
      const candidates = fixed ? [] : siblings.filter((s) => !s.categories.has(spec.id) && !ranked.includes(s));
      if (candidates.length > 0 && i > 0 && rng.chance(profile.siblingReuse)) {
        ranked.push(rng.pick(candidates));
        continue;
      }
      let name = profile.supplierName(rng, spec.id, i);
      for (let tries = 0; usedNames.has(name) && tries < 30; tries++) name = profile.supplierName(rng, spec.id, i + tries + 1);
      if (usedNames.has(name)) name = `${name} (${rng.pick(['Nord', 'Syd', 'Vest', 'Øst'])} ${i})`;
      const s = newSupplier(name);
      // Big suppliers are the ones whose names get spelt in several ways over time.
      if ((i < 3 && rng.chance(0.5)) || rng.chance(0.04)) s.variants = profile.nameVariants(rng, name);
      ranked.push(s);
      // A planted category's own suppliers may be kept out of its siblings, so its figures stay its own.
      if (!(fixed && profile.exclusiveFixedSuppliers)) siblings.push(s);
    }
    generatedByGroup.set(group, siblings);

    const anchorList = profile.anchors.filter((a) => a.categories[spec.id] !== undefined);
    const anchorShare = anchorList.reduce((sum, a) => sum + a.categories[spec.id]!, 0);
    const raw = fixed ? [...fixed] : zipfWeights(ranked.length, spec.zipf);
    const rawSum = raw.reduce((a, b) => a + b, 0);
    const members: Supplier[] = [];
    const weights: number[] = [];
    for (const a of anchorList) {
      members.push(anchors.get(a.key)!);
      weights.push(a.categories[spec.id]!);
    }
    ranked.forEach((s, i) => {
      members.push(s);
      weights.push(rawSum > 0 ? (raw[i]! / rawSum) * (1 - anchorShare) : 0);
    });
    applyCompliance(profile.contracts, spec.id, members, ranked, weights);
    members.forEach((s, i) => s.categories.set(spec.id, weights[i]!));
    byCategory.set(spec.id, { all: members, ranked, picker: new Weighted(members, weights) });
  }
  const universe = { all, byCategory, anchors };
  profile.finishSuppliers?.(rng, universe);
  return universe;
}
