import type { GenProfile } from '../../profile.js';
import { FJORDBY_AGREEMENTS, FJORDBY_ANCHORS, FJORDBY_FIXED_WEIGHTS, MAVERICK_CATEGORY, CRAFTS_CATEGORY, REPAIR_CATEGORY, WELL_BOUGHT } from './agreements.js';
import { FJORDBY_ANNUAL_SPEND_KR, FJORDBY_CATEGORIES } from './categories.js';
import { FJORDBY_INVOICE_LAYOUT, FJORDBY_REGISTER_HEADER, registerCsvRows } from './export.js';
import type { FjordbyManifest } from './manifest-types.js';
import {
  FJORDBY_CLEAN_STYLE, fjordbyNameVariants, fjordbySupplierName, fjordbySupplierStyle, markSilentSuppliers,
} from './names.js';
import { FJORDBY_CPR_CATEGORIES, fjordbyForcedDocs, fjordbyManifest } from './planted.js';
import { fjordbyInvoiceText } from './text.js';
import { FJORDBY_UNITS, FJORDBY_WORDS, fjordbyCostCentre, fjordbyUnitLabel } from './units.js';
import { fjordbyVocabularyFor } from './vocab.js';

/**
 * Fjordby Kommune: a second, fictional municipality for judging the analysis on data nobody
 * tuned it to. Its own units, suppliers, texts, export columns and register in its own words;
 * see docs/generator.md ("Profiles") for its planted findings.
 */
export const FJORDBY_PROFILE: GenProfile<FjordbyManifest> = {
  id: 'fjordby',
  municipality: { name: 'Fjordby Kommune', inhabitants: 38_000 },
  defaultAnnualSpendKr: FJORDBY_ANNUAL_SPEND_KR,
  // One finance-system export (UTF-8 or Windows-1252), its OIOUBL invoices, and the register:
  // no e-commerce system, no second export with other dates, no workbook.
  formats: ['csv', 'csv-cp1252', 'oioubl-zip', 'contracts'],
  defaultFormats: ['csv', 'contracts'],
  words: FJORDBY_WORDS,
  glnPrefix: '5798009',
  units: FJORDBY_UNITS,
  costCentre: fjordbyCostCentre,
  unitLabel: fjordbyUnitLabel,
  categories: FJORDBY_CATEGORIES,
  vocabularyFor: fjordbyVocabularyFor,
  anchors: FJORDBY_ANCHORS,
  fixedWeights: FJORDBY_FIXED_WEIGHTS,
  contracts: FJORDBY_AGREEMENTS,
  siblingReuse: 0.08,
  exclusiveFixedSuppliers: true,
  supplierName: fjordbySupplierName,
  nameVariants: fjordbyNameVariants,
  supplierStyle: fjordbySupplierStyle,
  cleanStyle: FJORDBY_CLEAN_STYLE,
  finishSuppliers: markSilentSuppliers,
  priceVariance: [],
  smallOrderCategories: [],
  smallOrderShare: 0,
  cprCategories: FJORDBY_CPR_CATEGORIES,
  eurCategories: [],
  trackSuppliers: [MAVERICK_CATEGORY, CRAFTS_CATEGORY, REPAIR_CATEGORY, ...WELL_BOUGHT, 'staffing.health', 'facility.hygiene'],
  firstDocNo: 24_100_000,
  invoiceText: fjordbyInvoiceText,
  forcedDocs: fjordbyForcedDocs,
  invoiceLayout: FJORDBY_INVOICE_LAYOUT,
  registerHeader: FJORDBY_REGISTER_HEADER,
  registerRows: registerCsvRows,
  manifest: fjordbyManifest,
};
