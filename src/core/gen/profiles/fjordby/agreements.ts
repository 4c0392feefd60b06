import type { AnchorSpec, ContractSpec, SupplierRef } from '../../planted.js';

/**
 * Fjordby's named suppliers and its agreement register. The register is kept by the purchasing
 * unit in its own words: what an agreement covers is said in its name ("Kontorartikler og papir"),
 * sometimes in an area word of the municipality's own ("Kost", "Ejendomme"), never as an Overblik
 * category id. The ids each row covers are ground truth and go to the manifest only.
 */

export const FJORDBY_ANCHORS: readonly AnchorSpec[] = [
  {
    key: 'kontor', name: 'Papyrus Kontorcentral A/S',
    variants: ['PAPYRUS KONTORCENTRAL A/S', 'Papyrus Kontorcentral', 'Papyrus Kontorcentral afd. Fjordby'],
    categories: { 'office.supplies': 0.55, 'office.paper': 0.6 }, priceLevel: 0.92,
  },
  {
    key: 'itpartner', name: 'IT-Huset Vestkysten A/S',
    variants: ['IT Huset Vestkysten A/S', 'IT-HUSET VESTKYSTEN', 'IT-Huset Vestkysten'],
    categories: { 'it.hardware': 0.5, 'it.software': 0.2 }, priceLevel: 0.93,
  },
  // The agreement that ends soon: a tidy supplier too, so the re-tender is all there is to say.
  { key: 'hygiejne', name: 'Renhold Engros ApS', variants: [], categories: { 'facility.hygiene': 0.6 }, clean: true, priceLevel: 0.92 },
  { key: 'medico', name: 'Plejepartner Danmark A/S', variants: ['Plejepartner Danmark', 'PLEJEPARTNER DANMARK A.S.'], categories: { 'health.supplies': 0.5 } },
  { key: 'toemmer', name: 'Fjordby Trælast & Byggecenter A/S', variants: ['Fjordby Trælast og Byggecenter A/S', 'Fjordby Trælast'], categories: { 'works.materials': 0.3, 'equipment.tools': 0.15 } },
  { key: 'forlag', name: 'Forlaget Skolebænken A/S', variants: ['Skolebænken'], categories: { 'learning.materials': 0.3 } },
  // Well bought: tidy e-invoicing suppliers on valid agreements (no CVR or name mess).
  { key: 'grossist', name: 'Limfjordens Storkøb A/S', variants: [], categories: { 'food.groceries': 0.72, 'food.beverages': 0.35 }, clean: true, priceLevel: 0.94 },
  { key: 'frugt', name: 'Grøntkassen Thy ApS', variants: [], categories: { 'food.groceries': 0.18 }, clean: true },
  { key: 'kaffe', name: 'Bønnen Kaffeservice ApS', variants: [], categories: { 'food.beverages': 0.45 }, clean: true },
  { key: 'el', name: 'Vestkyst Energi Salg A/S', variants: [], categories: { 'energy.electricity': 1 }, clean: true },
  { key: 'varme', name: 'Fjordby Fjernvarme a.m.b.a.', variants: [], categories: { 'energy.heating': 0.8 }, clean: true },
  { key: 'kommune', name: 'Fjordby Kommune', variants: [], categories: { 'nonaddr.internal': 1 }, clean: true },
];

/**
 * Planted categories' own suppliers. IT hardware: seven suppliers sharing half the spend beside
 * the agreement supplier's half. Crafts: twelve craftsmen of similar size, none above 1 mio. kr.
 * a year, together about 5 mio. kr. Vehicle repair: eight workshops, together about 3 mio. kr.
 */
export const FJORDBY_FIXED_WEIGHTS: Readonly<Record<string, readonly number[]>> = {
  'it.hardware': [1.3, 1.1, 1.0, 0.8, 0.7, 0.6, 0.5],
  'works.crafts': [1.25, 1.2, 1.1, 1.05, 1.0, 0.95, 0.9, 0.9, 0.85, 0.8, 0.7, 0.6],
  'transport.repair': [1.3, 1.2, 1.0, 1.0, 0.9, 0.8, 0.7, 0.6],
};

/** A register row's extras beside what the generator core needs. */
export interface FjordbyAgreement extends ContractSpec {
  /** The municipality's own area word; '' leaves the column blank. */
  area: string;
  /** `estimate`: a framework value from the expected spend; `near-max`: planted 90–110 % used. */
  value?: 'estimate' | 'near-max';
  /** The register row carries no CVR (the purchasing unit never filled it in). */
  noCvr?: boolean;
  /** The register names the supplier without its legal form. */
  shortName?: boolean;
}

const GOOD = 0.97;
const WELL = 0.985;
const r = (...ranks: number[]): SupplierRef[] => ranks.map((rank) => ({ rank }));
const a = (...keys: string[]): SupplierRef[] => keys.map((anchor) => ({ anchor }));

/** Agreement numbers and framework labels are illustrative, not statements about SKI's agreements. */
export const FJORDBY_AGREEMENTS: readonly FjordbyAgreement[] = [
  { id: '2023-011', name: 'Kontorartikler og papir', categoryId: 'office.supplies', alsoCovers: ['office.paper'], suppliers: a('kontor'), from: '2023-05-01', to: '2027-04-30', framework: 'SKI-aftale 02.19', area: 'Kontor', value: 'estimate', compliance: GOOD },
  { id: '2023-019', name: 'Computere og skærme', categoryId: 'it.hardware', suppliers: a('itpartner'), from: '2023-09-01', to: '2027-08-31', framework: 'SKI-aftale 50.40', area: 'IT', value: 'estimate' },
  { id: '2024-003', name: 'Standardsoftware og licenser', categoryId: 'it.software', suppliers: [...a('itpartner'), ...r(0)], from: '2024-01-01', to: '2027-12-31', framework: 'SKI-aftale 02.18', area: '', compliance: GOOD },
  { id: '2023-024', name: 'Drift, hosting og IT-konsulenter', categoryId: 'it.services', suppliers: r(0, 1), from: '2023-10-01', to: '2027-09-30', framework: 'Eget udbud', area: '', compliance: GOOD, shortName: true },
  { id: '2024-007', name: 'Mobil- og fastnettelefoni', categoryId: 'it.telecom', suppliers: r(0), from: '2024-03-01', to: '2028-02-29', framework: 'SKI-aftale 50.56', area: 'IT', compliance: GOOD },
  { id: '2023-025', name: 'Print og multifunktionsmaskiner', categoryId: 'it.printers', suppliers: r(0), from: '2023-11-01', to: '2027-10-31', framework: 'SKI-aftale 50.41', area: '', compliance: GOOD },
  { id: '2022-031', name: 'Rengøring af kommunale bygninger', categoryId: 'facility.cleaning', suppliers: r(0, 1), from: '2022-07-01', to: '2027-06-30', framework: 'Eget udbud', area: 'Ejendomme', value: 'estimate', compliance: GOOD },
  // Planted: ends five months after the data's last date, a re-tender must be under way. Well
  // used, so the re-tender is the only thing to say about it.
  { id: '2022-017', name: 'Rengøringsmidler, papir og hygiejneartikler', categoryId: 'facility.hygiene', suppliers: a('hygiejne'), from: '2022-06-01', to: '2026-05-31', framework: 'SKI-aftale 50.86', area: '', value: 'estimate', compliance: WELL },
  { id: '2023-002', name: 'Affald og genbrug fra kommunale institutioner', categoryId: 'facility.waste', suppliers: r(0), from: '2023-01-01', to: '2027-12-31', framework: 'Eget udbud', area: '', compliance: GOOD, shortName: true },
  { id: '2023-013', name: 'Grøn drift og vintertjeneste', categoryId: 'facility.grounds', suppliers: r(0, 1), from: '2023-04-01', to: '2027-03-31', framework: 'Eget udbud', area: 'Park og vej', compliance: GOOD },
  { id: '2023-030', name: 'Service og eftersyn af tekniske installationer', categoryId: 'facility.service', suppliers: r(0, 1, 2), from: '2023-07-01', to: '2027-06-30', framework: 'Eget udbud (rammeaftale)', area: 'Ejendomme', value: 'estimate', compliance: GOOD },
  { id: '2024-001', name: 'Vagt, alarm og adgangskontrol', categoryId: 'facility.security', suppliers: r(0), from: '2024-01-01', to: '2027-12-31', framework: 'Eget udbud', area: '', compliance: GOOD },
  { id: '2023-014', name: 'Byggematerialer og trælast', categoryId: 'works.materials', suppliers: [...a('toemmer'), ...r(0)], from: '2023-03-01', to: '2027-02-28', framework: 'Fælles udbud (indkøbsfællesskab)', area: '', compliance: GOOD },
  { id: '2023-027', name: 'Rådgivende ingeniør- og arkitektydelser', categoryId: 'works.advisory', suppliers: r(0, 1, 2), from: '2023-08-01', to: '2027-07-31', framework: 'Eget udbud (rammeaftale)', area: 'Byggeri', value: 'estimate', compliance: GOOD, shortName: true },
  // Well bought: food and electricity on valid, tendered agreements for the whole period.
  { id: '2023-021', name: 'Fødevarer til køkkener og institutioner', categoryId: 'food.groceries', alsoCovers: ['food.beverages'], suppliers: a('grossist', 'frugt'), from: '2023-10-01', to: '2027-09-30', framework: 'SKI-aftale 50.70', area: 'Kost', value: 'estimate', compliance: WELL },
  { id: '2024-002', name: 'Kaffe, te og kaffeautomater', categoryId: 'food.beverages', suppliers: a('kaffe'), from: '2024-01-01', to: '2027-12-31', framework: 'Eget udbud', area: 'Kost', compliance: WELL },
  { id: '2021-009', name: 'Mad til hjemmeboende pensionister', categoryId: 'food.meals', suppliers: r(0), from: '2021-04-01', to: '2025-03-31', framework: 'Eget udbud', area: '', compliance: GOOD },
  { id: '2025-004', name: 'Mad til hjemmeboende pensionister', categoryId: 'food.meals', suppliers: r(0), from: '2025-04-01', to: '2029-03-31', framework: 'Eget udbud', area: 'Ældre', value: 'estimate', compliance: GOOD },
  { id: '2023-008', name: 'Personlige og tekniske hjælpemidler', categoryId: 'health.aids', suppliers: r(0, 1, 2), from: '2023-06-01', to: '2027-05-31', framework: 'Fælles udbud (indkøbsfællesskab)', area: '', value: 'estimate', compliance: GOOD },
  { id: '2023-009', name: 'Sygeplejeartikler og handsker', categoryId: 'health.supplies', suppliers: a('medico'), from: '2023-06-01', to: '2027-05-31', framework: 'Fælles udbud (indkøbsfællesskab)', area: 'Sundhed', compliance: GOOD },
  { id: '2023-010', name: 'Inkontinenshjælpemidler', categoryId: 'health.incontinence', suppliers: r(0), from: '2023-09-01', to: '2027-08-31', framework: 'Fælles udbud (indkøbsfællesskab)', area: '', compliance: GOOD },
  // Planted: a framework whose maximum is nearly used up after two of its four years.
  { id: '2024-005', name: 'Vikarydelser – social- og sundhedsområdet', categoryId: 'staffing.health', suppliers: r(0, 1, 2), from: '2024-01-01', to: '2027-12-31', framework: 'Fælles udbud (indkøbsfællesskab)', area: 'Personale', value: 'near-max', compliance: GOOD },
  { id: '2023-016', name: 'Befordring af borgere', categoryId: 'transport.citizens', suppliers: r(0, 1, 2), from: '2023-08-01', to: '2027-07-31', framework: 'Eget udbud', area: '', value: 'estimate', compliance: GOOD },
  { id: '2023-006', name: 'Leasing af personbiler og varebiler', categoryId: 'transport.vehicles', suppliers: r(0), from: '2023-06-01', to: '2027-05-31', framework: 'SKI-aftale 50.10', area: '', compliance: GOOD },
  { id: '2023-005', name: 'Brændstof og tankkort', categoryId: 'transport.fuel', suppliers: r(0), from: '2023-05-01', to: '2027-04-30', framework: 'SKI-aftale 02.17', area: '', compliance: GOOD },
  { id: '2023-020', name: 'Levering af el', categoryId: 'energy.electricity', suppliers: a('el'), from: '2023-07-01', to: '2027-06-30', framework: 'SKI-aftale 88.20', area: 'Energi', value: 'estimate' },
  // Not tendered: the local district-heating monopoly (the tree marks heating supply as excluded).
  { id: '2019-001', name: 'Levering af fjernvarme', categoryId: 'energy.heating', suppliers: a('varme'), from: '2019-01-01', to: '2029-12-31', framework: 'Ikke udbudt (forsyningsmonopol)', area: 'Energi' },
  { id: '2023-026', name: 'Læremidler – trykte og digitale', categoryId: 'learning.materials', suppliers: [...a('forlag'), ...r(0)], from: '2023-08-01', to: '2027-07-31', framework: 'SKI-aftale 50.80', area: 'Skole', compliance: GOOD },
  { id: '2023-028', name: 'Møbler og inventar', categoryId: 'equipment.furniture', suppliers: r(0, 1), from: '2023-04-01', to: '2027-03-31', framework: 'SKI-aftale 50.50', area: '', compliance: GOOD },
  { id: '2022-004', name: 'Forsikringer', categoryId: 'finance.insurance', suppliers: r(0), from: '2022-01-01', to: '2027-12-31', framework: 'Eget udbud (via forsikringsmægler)', area: 'Økonomi', compliance: GOOD },
  { id: '2023-001', name: 'Bank- og betalingsløsninger', categoryId: 'finance.banking', suppliers: r(0), from: '2023-01-01', to: '2027-12-31', framework: 'Eget udbud', area: 'Økonomi', compliance: GOOD, noCvr: true },
  { id: '2024-004', name: 'Revision', categoryId: 'consulting.finance', suppliers: r(0), from: '2024-01-01', to: '2027-12-31', framework: 'Eget udbud', area: '', compliance: GOOD },
  { id: '2022-012', name: 'Frit valg – personlig og praktisk hjælp', categoryId: 'social.homecare', suppliers: r(0, 1, 2), from: '2022-01-01', to: '2027-12-31', framework: 'Godkendelsesmodel (frit valg)', area: 'Ældre', compliance: GOOD },
];

export const WELL_BOUGHT = ['food.groceries', 'food.beverages', 'energy.electricity'] as const;
export const MAVERICK_CATEGORY = 'it.hardware';
export const MAVERICK_AGREEMENT = '2023-019';
export const CRAFTS_CATEGORY = 'works.crafts';
export const REPAIR_CATEGORY = 'transport.repair';
export const NEAR_MAX_AGREEMENT = '2024-005';
export const ENDING_AGREEMENT = '2022-017';
/** Tilbudsloven: works over 3 mio. kr. must be put out in a licitation (DOMAIN.md). */
export const TILBUDSLOV_LICITATION_KR = 3_000_000;
/** EU threshold for supplies and services, municipalities, 2024–25 (KFST). */
export const EU_SERVICES_THRESHOLD_KR = 1_644_638;
/** How much of the near-max framework's maximum the data has used (planted; 90–110 % allowed). */
export const NEAR_MAX_TARGET_SHARE = 0.97;
/** The planning horizon in which an ending agreement needs a re-tender: 12 months after the data. */
export const PLANNING_HORIZON_END = '2026-12-31';
