import { CATEGORY_SPECS } from '../categories.js';
import { CONTRACT_HEADER, contractRow, INVOICE_HEADER, invoicePrefix, invoiceRow } from '../csv.js';
import { DEFAULT_FORMATS, FORMATS } from '../formats.js';
import type { Manifest } from '../manifest.js';
import { nameVariants, supplierName } from '../names.js';
import { demoCostCentre, UNIT_SPECS } from '../org-units.js';
import {
  ANCHORS, CONTRACT_SPECS, CPR_CATEGORIES, EUR_CATEGORIES, FIXED_WEIGHTS, FRAGMENTED_CATEGORY, MAVERICK_CATEGORY,
  PRICE_VARIANCE_ITEMS, SMALL_ORDER_CATEGORIES, SMALL_ORDER_SHARE, SPLIT_CATEGORY, WELL_BOUGHT,
} from '../planted.js';
import type { GenProfile } from '../profile.js';
import { demoSupplierStyle } from '../suppliers.js';
import { invoiceText } from '../text.js';
import { vocabularyFor } from '../vocab/index.js';
import { CITIES, FIRST_NAMES, HOME_CITY, STREETS, SURNAMES } from '../words.js';
import { demoForcedDocs, demoManifest } from './demo-planted.js';

/**
 * Demo Kommune: the built-in demo municipality. Its data stays where it always was
 * (categories.ts, planted.ts, names.ts, words.ts, org-units.ts, vocab/); this object only hands
 * it to the generator core, which must write byte-identical files for it.
 */
export const DEMO_PROFILE: GenProfile<Manifest> = {
  id: 'demo',
  municipality: { name: 'Demo Kommune', inhabitants: 60_000 },
  defaultAnnualSpendKr: 1_000_000_000,
  formats: FORMATS,
  defaultFormats: DEFAULT_FORMATS,
  words: { firstNames: FIRST_NAMES, surnames: SURNAMES, streets: STREETS, cities: CITIES, homeCity: HOME_CITY },
  glnPrefix: '5798000',
  units: UNIT_SPECS,
  costCentre: demoCostCentre,
  unitLabel: (name) => name.replace(/^Rådhuset – /, ''),
  categories: CATEGORY_SPECS,
  vocabularyFor,
  anchors: ANCHORS,
  fixedWeights: FIXED_WEIGHTS,
  contracts: CONTRACT_SPECS,
  siblingReuse: 0.12,
  exclusiveFixedSuppliers: false,
  supplierName,
  nameVariants,
  supplierStyle: demoSupplierStyle,
  cleanStyle: { dkPrefix: 0, upperText: false, itemNoInText: false, truncate40: false },
  priceVariance: PRICE_VARIANCE_ITEMS,
  smallOrderCategories: SMALL_ORDER_CATEGORIES,
  smallOrderShare: SMALL_ORDER_SHARE,
  cprCategories: CPR_CATEGORIES,
  eurCategories: EUR_CATEGORIES,
  trackSuppliers: [FRAGMENTED_CATEGORY, SPLIT_CATEGORY, MAVERICK_CATEGORY, ...WELL_BOUGHT],
  firstDocNo: 1_000_000,
  invoiceText,
  forcedDocs: demoForcedDocs,
  invoiceLayout: { header: INVOICE_HEADER, prefix: invoicePrefix, row: invoiceRow },
  registerHeader: CONTRACT_HEADER,
  registerRows: ({ world }) => world.contracts.map(contractRow),
  manifest: demoManifest,
};
