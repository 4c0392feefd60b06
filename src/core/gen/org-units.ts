import { makeGln } from './ids.js';
import type { GenProfile, UnitSpec } from './profile.js';
import { Random, Weighted } from './prng.js';
import type { OrgUnit } from './types.js';

/**
 * Demo Kommune's buying units. Each has its own EAN (GLN) location number, as Danish municipal
 * invoices are routed by it, a cost centre, and a function in the chart of accounts.
 */
export const UNIT_SPECS: readonly UnitSpec[] = [
  ['Rådhuset – Økonomi', 'admin', 3, '06.45.51'],
  ['Rådhuset – HR og Personale', 'admin', 2, '06.45.51'],
  ['Rådhuset – IT og Digitalisering', 'it', 3, '06.45.51'],
  ['Borgerservice', 'admin', 2, '06.45.51'],
  ['Jobcenter', 'job', 3, '05.68.90'],
  ['Ejendomscenter', 'property', 5, '06.45.50'],
  ['Vej og Park', 'roads', 4, '02.28.20'],
  ['Materielgården', 'roads', 2, '02.22.01'],
  ['Skovbakkeskolen', 'school', 3, '03.22.01'],
  ['Engholmskolen', 'school', 3, '03.22.01'],
  ['Søndermarkskolen', 'school', 2, '03.22.01'],
  ['Ungdomsskolen', 'school', 1, '03.22.18'],
  ['Børnehuset Solsikken', 'daycare', 1, '05.25.14'],
  ['Børnehuset Mælkebøtten', 'daycare', 1, '05.25.14'],
  ['Dagplejen', 'daycare', 1, '05.25.11'],
  ['Hjemmeplejen Nord', 'homecare', 3, '05.30.26'],
  ['Hjemmeplejen Syd', 'homecare', 3, '05.30.26'],
  ['Plejecenter Egely', 'nursing', 3, '05.30.27'],
  ['Plejecenter Solgården', 'nursing', 2, '05.30.27'],
  ['Centralkøkkenet', 'kitchen', 2, '05.30.26'],
  ['Sundhed og Træning', 'health', 2, '04.62.90'],
  ['Hjælpemiddeldepotet', 'aids', 2, '05.35.40'],
  ['Familieafdelingen', 'family', 4, '05.28.24'],
  ['Handicap og Psykiatri', 'disability', 4, '05.38.52'],
  ['Biblioteket', 'library', 1, '03.32.50'],
  ['Kultur- og Fritidshuset', 'culture', 1, '03.35.64'],
];

/** Demo Kommune's cost centres are numbered by area: 1xxxx administration, 3xxxx schools, 5xxxx care. */
export function demoCostCentre(fn: string, index: number): string {
  return `${fn.slice(1, 2)}${String(1000 + index * 37).padStart(4, '0')}`;
}

export function buildOrgUnits(rng: Random, profile: GenProfile): OrgUnit[] {
  const used = new Set<string>();
  const [zip, city] = profile.words.homeCity;
  return profile.units.map(([name, type, size, fn], index) => ({
    index,
    name,
    type,
    size,
    fn,
    gln: makeGln(rng, used, profile.glnPrefix),
    costCentre: profile.costCentre(fn, index),
    address: { street: rng.pick(profile.words.streets), number: String(rng.int(1, 80)), zip, city },
    label: profile.unitLabel(name),
  }));
}

/**
 * Parses an affinity such as "school:3,admin:1,*:0.5" into one weight per unit: affinity × unit
 * size. Units of a type not named get the '*' weight (0 if there is none).
 */
export function unitWeights(units: readonly OrgUnit[], affinity: string): number[] {
  const weights = new Map<string, number>();
  for (const part of affinity.split(',')) {
    const [type, weight] = part.split(':');
    weights.set(type!.trim(), Number(weight));
  }
  const fallback = weights.get('*') ?? 0;
  return units.map((u) => (weights.get(u.type) ?? fallback) * u.size);
}

export function unitPicker(units: readonly OrgUnit[], affinity: string): Weighted<OrgUnit> {
  return new Weighted(units, unitWeights(units, affinity));
}
