import type { Format } from './formats.js';
import type { ManifestCommon } from './manifest.js';
import type { AnchorSpec, ContractSpec, PlantedItemSpec } from './planted.js';
import type { Random } from './prng.js';
import type { Stats } from './stats.js';
import type { SupplierUniverse } from './suppliers.js';
import type { SlotWords } from './template.js';
import type { TextInput } from './text.js';
import type { CategorySpec, Document, InvoiceLine, SupplierStyle, UnitType } from './types.js';
import type { VocabItem } from './vocab/index.js';
import type { ForcedDoc, World } from './world.js';

/**
 * A generator profile: one fictional municipality. The generator core (world, suppliers,
 * documents, writers) is one code path; a profile supplies everything a real municipality's
 * export differs in: its units, its suppliers' names, its invoice texts, its export's columns,
 * its agreement register and the findings planted in it. Demo Kommune is the `demo` profile;
 * `fjordby` is a second municipality that nobody tuned the analysis to.
 */

export type ProfileId = 'demo' | 'fjordby';
export const PROFILE_IDS: readonly ProfileId[] = ['demo', 'fjordby'];

export type UnitSpec = readonly [name: string, type: UnitType, size: number, fn: string];

export interface WordStock extends SlotWords {
  cities: readonly (readonly [zip: string, city: string])[];
  /** The municipality's own town: the address of its units. */
  homeCity: readonly [zip: string, city: string];
}

/** The invoice export's columns and rows (csv, csv-dot and csv-cp1252 share them). */
export interface InvoiceLayout {
  header: readonly string[];
  /** The part of a row that is the same for every line of the document. */
  prefix(doc: Document, dateSeparator: '-' | '.'): string;
  row(prefix: string, doc: Document, line: InvoiceLine): string;
}

/** What the register writer and the manifest see once every document is written. */
export interface FinishedRun {
  world: World;
  stats: Stats;
  annualSpendKr: number;
}

export interface GenProfile<M = unknown> {
  id: ProfileId;
  municipality: { name: string; inhabitants: number };
  defaultAnnualSpendKr: number;
  /** Formats this municipality's systems can export; others are refused with a reason. */
  formats: readonly Format[];
  defaultFormats: readonly Format[];
  words: WordStock;
  /** First seven digits of the units' GLN location numbers. */
  glnPrefix: string;
  units: readonly UnitSpec[];
  costCentre(fn: string, index: number): string;
  unitLabel(name: string): string;
  categories: readonly CategorySpec[];
  vocabularyFor(categoryId: string): VocabItem[];
  anchors: readonly AnchorSpec[];
  /** Generated suppliers with fixed weights instead of a Zipf tail (planted categories). */
  fixedWeights: Readonly<Record<string, readonly number[]>>;
  contracts: readonly ContractSpec[];
  /** Chance that a category's next generated supplier is one already selling in a sibling category. */
  siblingReuse: number;
  /** Suppliers of fixed-weight (planted) categories never sell in a sibling category too. */
  exclusiveFixedSuppliers: boolean;
  supplierName(rng: Random, categoryId: string, indexInCategory: number): string;
  nameVariants(rng: Random, name: string): string[];
  supplierStyle(rng: Random): SupplierStyle;
  /** The style of an anchor marked clean (no CVR or name mess). */
  cleanStyle: SupplierStyle;
  /** Last touches once every supplier exists (e.g. which suppliers never send a line text). */
  finishSuppliers?(rng: Random, universe: SupplierUniverse): void;
  priceVariance: readonly PlantedItemSpec[];
  smallOrderCategories: readonly string[];
  smallOrderShare: number;
  cprCategories: readonly string[];
  eurCategories: readonly string[];
  /** Categories whose spend the statistics keep per supplier (for the planted figures). */
  trackSuppliers: readonly string[];
  firstDocNo: number;
  invoiceText(input: TextInput): string;
  forcedDocs(rng: Random, world: Omit<World, 'forced'>): ForcedDoc[];
  invoiceLayout: InvoiceLayout;
  registerHeader: readonly string[];
  registerRows(run: FinishedRun): string[];
  manifest(common: ManifestCommon, run: FinishedRun): M;
}
