import type { UnitCode } from './types.js';

/**
 * The planted findings: named suppliers, agreements and items whose figures the manifest
 * reports exactly, so an analysis can be scored for what it should find (recall) and for what
 * it should leave alone (precision: the well-bought categories).
 */

export interface AnchorSpec {
  key: string;
  name: string;
  variants: readonly string[];
  /** Category id → share of that category's spend weight. */
  categories: Readonly<Record<string, number>>;
  /** No CVR or name mess: the supplier of a well-bought category must be unambiguous. */
  clean?: boolean;
  priceLevel?: number;
}

export const ANCHORS: readonly AnchorSpec[] = [
  {
    key: 'kontorland', name: 'Kontorland Danmark A/S',
    variants: ['KONTORLAND DANMARK AS', 'Kontorland', 'Kontorland Danmark'],
    categories: { 'office.supplies': 0.42, 'office.paper': 0.4, 'facility.hygiene': 0.1 }, priceLevel: 0.9,
  },
  {
    key: 'datapunkt', name: 'Datapunkt Nord A/S',
    variants: ['DATAPUNKT NORD A/S', 'Datapunkt Nord AS', 'Datapunkt'],
    categories: { 'it.hardware': 0.7, 'it.software': 0.15, 'it.printers': 0.35 }, priceLevel: 0.92,
  },
  {
    key: 'skolehobby', name: 'Skole & Hobby Danmark ApS',
    variants: ['Skole og Hobby Danmark ApS', 'SKOLE & HOBBY DANMARK APS'],
    categories: { 'learning.materials': 0.2, 'learning.toys': 0.25, 'office.supplies': 0.03 },
  },
  {
    key: 'toemmergaarden', name: 'Tømmergården Byggecenter A/S',
    variants: ['TØMMERGÅRDEN BYGGECENTER AS', 'Tømmergården'],
    categories: { 'works.materials': 0.25, 'equipment.tools': 0.2 },
  },
  {
    key: 'storkoekken', name: 'Storkøkkengrossisten Danmark A/S',
    variants: ['Storkøkkengrossisten', 'STORKØKKENGROSSISTEN DANMARK AS'],
    categories: { 'food.groceries': 0.35, 'food.beverages': 0.25, 'facility.hygiene': 0.08 }, priceLevel: 0.93,
  },
  {
    key: 'hygiejnehuset', name: 'Hygiejnehuset A/S',
    variants: ['HYGIEJNEHUSET AS', 'Hygiejnehuset'],
    categories: { 'facility.hygiene': 0.4 }, priceLevel: 0.9,
  },
  {
    key: 'medicura', name: 'Medicura Danmark A/S',
    variants: ['MEDICURA DANMARK AS', 'Medicura'],
    categories: { 'health.supplies': 0.4 }, priceLevel: 0.92,
  },
  {
    key: 'nordlys', name: 'Nordlys Consult P/S',
    variants: ['Nordlys Consult', 'NORDLYS CONSULT PS'],
    categories: { 'consulting.management': 0.15, 'consulting.finance': 0.2 },
  },
  { key: 'elhandel', name: 'Nordisk Elhandel A/S', variants: [], categories: { 'energy.electricity': 1 }, clean: true },
  { key: 'kontinens', name: 'KontinensCare ApS', variants: [], categories: { 'health.incontinence': 1 }, clean: true },
  { key: 'forsikring', name: 'Nordhavn Forsikring A/S', variants: [], categories: { 'finance.insurance': 1 }, clean: true },
  { key: 'kommune', name: 'Demo Kommune', variants: [], categories: { 'nonaddr.internal': 1 }, clean: true },
];

/**
 * Generated suppliers with fixed weights instead of a Zipf tail. Cleaning: eight firms of
 * similar size, so the category is well above the EU threshold while each firm, on average,
 * stays below it (the split that udbudsloven § 30 stk. 2 is about). IT hardware: six maverick
 * suppliers sharing 30 % beside the agreement supplier's 70 %.
 */
export const FIXED_WEIGHTS: Readonly<Record<string, readonly number[]>> = {
  'facility.cleaning': [1.3, 1.2, 1.1, 1.0, 0.95, 0.9, 0.85, 0.7],
  'it.hardware': [0.09, 0.07, 0.05, 0.04, 0.03, 0.02],
};

export type SupplierRef = { anchor: string } | { rank: number };

export interface ContractSpec {
  id: string;
  name: string;
  categoryId: string;
  /**
   * Further categories the agreement covers ("Kontorartikler og papir"). Its suppliers should be
   * anchors then: a rank refers to the ranked suppliers of `categoryId` only.
   */
  alsoCovers?: readonly string[];
  suppliers: readonly SupplierRef[];
  from: string;
  to: string;
  framework: string;
  /**
   * Share of the category's spend bought from the agreement's suppliers (compliance 1). Absent:
   * the suppliers keep the weights they have (the planted maverick and fragmentation stories).
   */
  compliance?: number;
}

export function coveredCategories(spec: ContractSpec): readonly string[] {
  return spec.alsoCovers ? [spec.categoryId, ...spec.alsoCovers] : [spec.categoryId];
}

/** How well Demo Kommune buys where it has an agreement: a well-run municipality, so the planted stories stand out. */
const WELL_RUN = 0.97;
const r = (...ranks: number[]): SupplierRef[] => ranks.map((rank) => ({ rank }));

/** Framework labels follow SKI's naming; the numbers are illustrative, not a statement about SKI. */
export const CONTRACT_SPECS: readonly ContractSpec[] = [
  { id: 'K-2022-014', name: 'Kontorartikler', categoryId: 'office.supplies', suppliers: [{ anchor: 'kontorland' }], from: '2022-04-01', to: '2026-03-31', framework: 'SKI 02.19 Kontorartikler' },
  { id: 'K-2022-015', name: 'Kopipapir', categoryId: 'office.paper', suppliers: [{ anchor: 'kontorland' }], from: '2022-04-01', to: '2026-03-31', framework: 'SKI 02.19 Kontorartikler', compliance: WELL_RUN },
  { id: 'K-2023-031', name: 'Computere og tilbehør', categoryId: 'it.hardware', suppliers: [{ anchor: 'datapunkt' }], from: '2023-07-01', to: '2027-06-30', framework: 'SKI 50.40 Computere og tilbehør' },
  { id: 'K-2023-032', name: 'Standardsoftware', categoryId: 'it.software', suppliers: [{ anchor: 'datapunkt' }], from: '2023-07-01', to: '2027-06-30', framework: 'SKI 02.18 Standardsoftware', compliance: WELL_RUN },
  { id: 'K-2021-003', name: 'Elektricitet', categoryId: 'energy.electricity', suppliers: [{ anchor: 'elhandel' }], from: '2021-01-01', to: '2026-12-31', framework: 'SKI 88.20 El', compliance: WELL_RUN },
  { id: 'K-2023-002', name: 'Inkontinensprodukter', categoryId: 'health.incontinence', suppliers: [{ anchor: 'kontinens' }], from: '2023-01-01', to: '2026-12-31', framework: 'Egen aftale (fælleskommunalt udbud)', compliance: WELL_RUN },
  { id: 'K-2022-001', name: 'Forsikringer', categoryId: 'finance.insurance', suppliers: [{ anchor: 'forsikring' }], from: '2022-01-01', to: '2026-12-31', framework: 'Egen aftale', compliance: WELL_RUN },
  { id: 'K-2023-017', name: 'Fødevarer', categoryId: 'food.groceries', suppliers: [{ anchor: 'storkoekken' }], from: '2023-10-01', to: '2027-09-30', framework: 'SKI 50.70 Fødevarer', compliance: WELL_RUN },
  { id: 'K-2024-004', name: 'Rengørings- og hygiejneartikler', categoryId: 'facility.hygiene', suppliers: [{ anchor: 'hygiejnehuset' }], from: '2024-03-01', to: '2028-02-29', framework: 'SKI 50.86 Rengøringsartikler', compliance: WELL_RUN },
  { id: 'K-2023-021', name: 'Sygeplejeartikler', categoryId: 'health.supplies', suppliers: [{ anchor: 'medicura' }], from: '2023-05-01', to: '2027-04-30', framework: 'Egen aftale (indkøbsfællesskab)', compliance: WELL_RUN },
  { id: 'K-2022-021', name: 'Vikarer sundhed og pleje', categoryId: 'staffing.health', suppliers: [{ rank: 0 }, { rank: 1 }], from: '2022-09-01', to: '2026-08-31', framework: 'SKI 02.40 Vikarer', compliance: WELL_RUN },
  { id: 'K-2020-011', name: 'Leasing af biler', categoryId: 'transport.vehicles', suppliers: [{ rank: 0 }], from: '2020-07-01', to: '2024-06-30', framework: 'SKI 50.10 Leasing af biler', compliance: WELL_RUN },
  { id: 'K-2023-009', name: 'Brændstof', categoryId: 'transport.fuel', suppliers: [{ rank: 0 }], from: '2023-01-01', to: '2026-12-31', framework: 'SKI 02.17 Brændstof', compliance: WELL_RUN },
  { id: 'K-2022-030', name: 'Mobil- og fastnettelefoni', categoryId: 'it.telecom', suppliers: [{ rank: 0 }], from: '2022-02-01', to: '2026-01-31', framework: 'SKI 50.56 Mobil- og fastnettelefoni', compliance: WELL_RUN },
  { id: 'K-2021-012', name: 'Madservice', categoryId: 'food.meals', suppliers: [{ rank: 0 }], from: '2021-04-01', to: '2025-03-31', framework: 'Egen aftale', compliance: WELL_RUN },
  { id: 'K-2022-006', name: 'Affaldshåndtering', categoryId: 'facility.waste', suppliers: [{ rank: 0 }], from: '2022-01-01', to: '2027-12-31', framework: 'Egen aftale', compliance: WELL_RUN },
  { id: 'K-2024-010', name: 'Teknisk rådgivning', categoryId: 'works.advisory', suppliers: [{ rank: 0 }, { rank: 1 }, { rank: 2 }], from: '2024-01-01', to: '2027-12-31', framework: 'Egen aftale (rammeaftale)', compliance: WELL_RUN },
  { id: 'K-2023-012', name: 'Møbler', categoryId: 'equipment.furniture', suppliers: [{ rank: 0 }], from: '2023-03-01', to: '2027-02-28', framework: 'SKI 50.50 Møbler', compliance: WELL_RUN },
  { id: 'K-2019-003', name: 'Frit valg hjemmepleje', categoryId: 'social.homecare', suppliers: [{ rank: 0 }, { rank: 1 }, { rank: 2 }], from: '2019-01-01', to: '2026-12-31', framework: 'Egen aftale (godkendelsesmodel)', compliance: WELL_RUN },
  { id: 'K-2024-015', name: 'Revision', categoryId: 'consulting.finance', suppliers: [{ rank: 0 }], from: '2024-01-01', to: '2027-12-31', framework: 'Egen aftale', compliance: WELL_RUN },
  // Framework agreements (rammeaftaler) that a municipality of this size has for its larger
  // categories; renewals of the two that expire inside the period.
  { id: 'K-2024-016', name: 'Leasing af biler', categoryId: 'transport.vehicles', suppliers: r(0), from: '2024-07-01', to: '2028-06-30', framework: 'SKI 50.10 Leasing af biler', compliance: WELL_RUN },
  { id: 'K-2025-005', name: 'Madservice', categoryId: 'food.meals', suppliers: r(0), from: '2025-04-01', to: '2029-03-31', framework: 'Egen aftale', compliance: WELL_RUN },
  { id: 'K-2023-040', name: 'Håndværkerydelser', categoryId: 'works.crafts', suppliers: r(0, 1, 2, 3, 4, 5), from: '2023-01-01', to: '2026-12-31', framework: 'Egen aftale (rammeaftale, 6 leverandører)', compliance: WELL_RUN },
  { id: 'K-2023-041', name: 'Socialpædagogisk støtte', categoryId: 'social.support', suppliers: r(0, 1, 2, 3), from: '2023-01-01', to: '2026-12-31', framework: 'Egen aftale (rammeaftale, light-regimet)', compliance: WELL_RUN },
  { id: 'K-2022-042', name: 'Hjælpemidler', categoryId: 'health.aids', suppliers: r(0, 1, 2), from: '2022-06-01', to: '2026-05-31', framework: 'Fælleskommunalt udbud', compliance: WELL_RUN },
  { id: 'K-2023-043', name: 'Ejendomsservice og tekniske installationer', categoryId: 'facility.service', suppliers: r(0, 1, 2, 3, 4), from: '2023-04-01', to: '2027-03-31', framework: 'Egen aftale (rammeaftale)', compliance: WELL_RUN },
  { id: 'K-2022-044', name: 'Kørsel af borgere', categoryId: 'transport.citizens', suppliers: r(0, 1, 2), from: '2022-08-01', to: '2026-07-31', framework: 'Trafikselskabets flextrafik', compliance: WELL_RUN },
  { id: 'K-2024-045', name: 'Grøn drift og vintertjeneste', categoryId: 'facility.grounds', suppliers: r(0, 1, 2), from: '2024-01-01', to: '2027-12-31', framework: 'Egen aftale', compliance: WELL_RUN },
  { id: 'K-2023-046', name: 'IT-konsulentydelser', categoryId: 'it.services', suppliers: r(0, 1, 2), from: '2023-01-01', to: '2026-12-31', framework: 'SKI 02.06 It-konsulentydelser', compliance: WELL_RUN },
  { id: 'K-2023-047', name: 'Kurser og uddannelse', categoryId: 'consulting.training', suppliers: r(0, 1, 2, 3, 4), from: '2023-01-01', to: '2026-12-31', framework: 'Egen aftale (rammeaftale)', compliance: WELL_RUN },
  { id: 'K-2023-048', name: 'Sundhedsydelser', categoryId: 'health.services', suppliers: r(0, 1, 2, 3), from: '2023-01-01', to: '2026-12-31', framework: 'Egen aftale (light-regimet)', compliance: WELL_RUN },
  { id: 'K-2022-049', name: 'Læremidler', categoryId: 'learning.materials', suppliers: [{ anchor: 'skolehobby' }, ...r(0, 1)], from: '2022-08-01', to: '2026-07-31', framework: 'SKI 50.80 Læremidler', compliance: WELL_RUN },
  { id: 'K-2024-050', name: 'Managementrådgivning', categoryId: 'consulting.management', suppliers: [{ anchor: 'nordlys' }, ...r(0, 1)], from: '2024-01-01', to: '2027-12-31', framework: 'SKI 02.20 Konsulentydelser', compliance: WELL_RUN },
  { id: 'K-2023-051', name: 'Vikarer pædagogik og undervisning', categoryId: 'staffing.education', suppliers: r(0, 1), from: '2023-01-01', to: '2026-12-31', framework: 'SKI 02.40 Vikarer', compliance: WELL_RUN },
  { id: 'K-2023-052', name: 'Byggematerialer', categoryId: 'works.materials', suppliers: [{ anchor: 'toemmergaarden' }, ...r(0)], from: '2023-01-01', to: '2026-12-31', framework: 'Egen aftale', compliance: WELL_RUN },
  { id: 'K-2023-053', name: 'Kommunikation og annoncer', categoryId: 'consulting.communication', suppliers: r(0, 1, 2), from: '2023-01-01', to: '2026-12-31', framework: 'SKI 02.25 Kommunikation', compliance: WELL_RUN },
  { id: 'K-2023-054', name: 'Juridisk rådgivning', categoryId: 'consulting.legal', suppliers: r(0, 1), from: '2023-01-01', to: '2026-12-31', framework: 'SKI 02.21 Juridisk rådgivning', compliance: WELL_RUN },
  { id: 'K-2023-055', name: 'Maskiner og værktøj', categoryId: 'equipment.tools', suppliers: [{ anchor: 'toemmergaarden' }, ...r(0)], from: '2023-01-01', to: '2026-12-31', framework: 'Egen aftale', compliance: WELL_RUN },
  { id: 'K-2023-056', name: 'Storkøkkenudstyr', categoryId: 'equipment.kitchen', suppliers: r(0, 1), from: '2023-01-01', to: '2026-12-31', framework: 'SKI 50.60 Storkøkkenudstyr', compliance: WELL_RUN },
  { id: 'K-2023-057', name: 'Medicin og vacciner', categoryId: 'health.medicine', suppliers: r(0), from: '2023-01-01', to: '2026-12-31', framework: 'Amgros / egen aftale', compliance: WELL_RUN },
  { id: 'K-2023-058', name: 'Arbejdstøj og vask', categoryId: 'equipment.workwear', suppliers: r(0, 1), from: '2023-01-01', to: '2026-12-31', framework: 'SKI 50.45 Arbejdstøj', compliance: WELL_RUN },
  { id: 'K-2023-059', name: 'Legetøj og pædagogiske materialer', categoryId: 'learning.toys', suppliers: [{ anchor: 'skolehobby' }, ...r(0)], from: '2023-01-01', to: '2026-12-31', framework: 'Egen aftale', compliance: WELL_RUN },
  { id: 'K-2023-060', name: 'Printere og multifunktionsmaskiner', categoryId: 'it.printers', suppliers: [{ anchor: 'datapunkt' }], from: '2023-07-01', to: '2027-06-30', framework: 'SKI 50.41 Print', compliance: WELL_RUN },
  { id: 'K-2023-061', name: 'Værksteds- og dækydelser', categoryId: 'transport.repair', suppliers: r(0, 1, 2), from: '2023-01-01', to: '2026-12-31', framework: 'Egen aftale', compliance: WELL_RUN },
  { id: 'K-2023-062', name: 'Biblioteksmaterialer', categoryId: 'learning.library', suppliers: r(0, 1), from: '2023-01-01', to: '2026-12-31', framework: 'Egen aftale', compliance: WELL_RUN },
  { id: 'K-2023-063', name: 'Drikkevarer og kaffe', categoryId: 'food.beverages', suppliers: [{ anchor: 'storkoekken' }, ...r(0)], from: '2023-10-01', to: '2027-09-30', framework: 'SKI 50.70 Fødevarer', compliance: WELL_RUN },
  { id: 'K-2023-064', name: 'Porto og forsendelse', categoryId: 'office.postal', suppliers: r(0), from: '2023-01-01', to: '2026-12-31', framework: 'SKI 02.15 Post', compliance: WELL_RUN },
  { id: 'K-2023-065', name: 'Bank og betalinger', categoryId: 'finance.banking', suppliers: r(0), from: '2023-01-01', to: '2026-12-31', framework: 'Egen aftale', compliance: WELL_RUN },
  { id: 'K-2023-067', name: 'Vikarer administration', categoryId: 'staffing.office', suppliers: r(0, 1), from: '2023-01-01', to: '2026-12-31', framework: 'SKI 02.40 Vikarer', compliance: WELL_RUN },
  { id: 'K-2023-066', name: 'Vagt og sikring', categoryId: 'facility.security', suppliers: r(0, 1), from: '2023-01-01', to: '2026-12-31', framework: 'Egen aftale', compliance: WELL_RUN },
];

/** Categories bought the way they should be: one supplier, on an agreement, for the whole period. */
export const WELL_BOUGHT = ['energy.electricity', 'health.incontinence', 'finance.insurance'] as const;

export const FRAGMENTED_CATEGORY = 'office.supplies';
export const SPLIT_CATEGORY = 'facility.cleaning';
export const MAVERICK_CATEGORY = 'it.hardware';
export const MAVERICK_AGREEMENT = 'K-2023-031';
export const SMALL_ORDER_CATEGORIES = ['office.supplies', 'food.groceries'] as const;
/** Share of invoices in those categories that are planted small orders (DI: one order in four is under 250 kr.). */
export const SMALL_ORDER_SHARE = 0.25;
export const SMALL_ORDER_LIMIT_KR = 250;
/** EU threshold for supplies and services, municipalities, 2024–25 (KFST). */
export const EU_THRESHOLD_KR = 1_644_638;

export interface PlantedItemSpec {
  key: string;
  categoryId: string;
  anchor: string;
  name: string;
  unspsc: string;
  unitCode: UnitCode;
  price: number;
}

/** E-commerce items whose unit price depends on the buying unit (planted price variance). */
export const PRICE_VARIANCE_ITEMS: readonly PlantedItemSpec[] = [
  { key: 'pv-paper', categoryId: 'office.paper', anchor: 'kontorland', name: 'Kopipapir A4 80 g hvid 5 x 500 ark', unspsc: '14111507', unitCode: 'BX', price: 155 },
  { key: 'pv-pens', categoryId: 'office.supplies', anchor: 'kontorland', name: 'Kuglepen blå 0,7 mm 12 stk', unspsc: '44121704', unitCode: 'PK', price: 42 },
  { key: 'pv-soap', categoryId: 'facility.hygiene', anchor: 'hygiejnehuset', name: 'Skumsæbe parfumefri 6 x 700 ml', unspsc: '53131608', unitCode: 'PK', price: 249 },
  { key: 'pv-gloves', categoryId: 'health.supplies', anchor: 'medicura', name: 'Nitrilhandsker pudderfri str. M 200 stk', unspsc: '42132203', unitCode: 'BX', price: 69 },
  { key: 'pv-coffee', categoryId: 'food.beverages', anchor: 'storkoekken', name: 'Kaffe hele bønner 1 kg', unspsc: '50201706', unitCode: 'EA', price: 119 },
  { key: 'pv-toner', categoryId: 'it.printers', anchor: 'datapunkt', name: 'Toner sort til MFP', unspsc: '44103103', unitCode: 'EA', price: 890 },
];

/** Unit price multipliers a unit can end up with for a planted item (local deals, list price, rush orders). */
export const UNIT_PRICE_FACTORS = [0.82, 0.9, 1.0, 1.0, 1.12, 1.25, 1.4, 1.65] as const;

/** Categories whose lines can carry a CPR number in the text (personal data the import must mask). */
export const CPR_CATEGORIES = ['social.residential', 'social.special_ed', 'social.treatment', 'social.support'] as const;
export const CPR_LINE_SHARE = 0.006;

/** Categories where a foreign supplier may invoice in euro. */
export const EUR_CATEGORIES = ['it.software', 'consulting.training', 'transport.travel'] as const;
export const EUR_DOC_SHARE = 0.002;
/** Rate used for the manifest's DKK figures of EUR lines (the app keeps its own editable table). */
export const EUR_RATE_DKK = 7.46;
