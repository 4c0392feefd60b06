import { civilFromDays } from './calendar.js';
import { isAddressable } from './categories.js';
import { CPR_PATTERN, normalizeCvr } from './ids.js';
import { EUR_RATE_DKK, SMALL_ORDER_LIMIT_KR } from './planted.js';
import type { GenProfile } from './profile.js';
import type { Document } from './types.js';

/**
 * Running figures over the generated documents, kept small (sets of CVRs and units, not lines)
 * so a 5M-line run does not grow with the data. Everything is counted from what was written, the
 * way SQL over the files will see it, so the manifest and a query must agree exactly.
 */

export interface SupplierAcc {
  minor: number;
  lines: number;
  byYear: [number, number];
}

export class CategoryAcc {
  lines = 0;
  documents = 0;
  minor = 0;
  byYear: [number, number] = [0, 0];
  cvrs = new Set<string>();
  units = new Set<number>();
  bySupplier: Map<string, SupplierAcc> | null = null;
  noCvrMinor = 0;
  invoiceDocuments = 0;
  smallDocuments = 0;
  smallMinor = 0;
}

export interface PlantedItemAcc {
  itemNo: string;
  itemName: string;
  unspsc: string;
  supplierCvr: string;
  prices: Set<number>;
  units: Set<number>;
  lines: number;
}

/** Lines of a supplier that mostly sends no line text, as written. */
export interface SilentAcc {
  lines: number;
  emptyLines: number;
  minor: number;
}

/** A supplier counts as silent when its system leaves at least this share of line texts empty. */
export const SILENT_FROM = 0.5;
const SMALL_LIMIT_MINOR = SMALL_ORDER_LIMIT_KR * 100;

/** DKK minor units of a line amount (EUR at the manifest's fixed rate). */
export function dkkMinor(amountMinor: number, currency: string): number {
  return currency === 'EUR' ? Math.round(amountMinor * EUR_RATE_DKK) : amountMinor;
}

export class Stats {
  lines = 0;
  documents = 0;
  creditNotes = 0;
  creditNoteLines = 0;
  minor = 0;
  addressableMinor = 0;
  byYear: [number, number] = [0, 0];
  readonly categories = new Map<string, CategoryAcc>();
  readonly supplierIndexes = new Set<number>();
  readonly validCvrs = new Set<string>();
  readonly unitIndexes = new Set<number>();
  readonly names = new Map<string, Set<string>>();
  missingCvr = 0;
  dkPrefix = 0;
  invalidCvr = 0;
  spacedCvr = 0;
  readonly invalidExamples = new Set<string>();
  emptyTexts = 0;
  semicolons = 0;
  quotes = 0;
  lineBreaks = 0;
  cprLines = 0;
  cprOccurrences = 0;
  eurLines = 0;
  eurDocuments = 0;
  eurMinor = 0;
  orders = 0;
  orderLines = 0;
  orderLinesInvoiced = 0;
  orderMinor = 0;
  readonly plantedItems = new Map<string, PlantedItemAcc>();
  /** Lines whose text came from a generic vocabulary row (and was written, not emptied). */
  genericLines = 0;
  genericMinor = 0;
  /** Per supplier index, for suppliers that mostly send no line text. */
  readonly silent = new Map<number, SilentAcc>();
  private readonly trackSuppliers: ReadonlySet<string>;
  private readonly smallTracked: ReadonlySet<string>;

  constructor(profile: GenProfile) {
    this.trackSuppliers = new Set(profile.trackSuppliers);
    this.smallTracked = new Set(profile.smallOrderCategories);
  }

  category(id: string): CategoryAcc {
    let acc = this.categories.get(id);
    if (!acc) {
      acc = new CategoryAcc();
      if (this.trackSuppliers.has(id)) acc.bySupplier = new Map();
      this.categories.set(id, acc);
    }
    return acc;
  }

  add(doc: Document): void {
    if (doc.lines.length > 0) this.addInvoice(doc);
    if (doc.orderLines.length > 0) this.addOrder(doc);
  }

  private addInvoice(doc: Document): void {
    const cvr = normalizeCvr(doc.cvrText);
    const n = doc.lines.length;
    this.documents++;
    this.lines += n;
    if (doc.credit) {
      this.creditNotes++;
      this.creditNoteLines += n;
    }
    if (doc.cvrText === '') this.missingCvr += n;
    else if (!cvr) {
      this.invalidCvr += n;
      if (this.invalidExamples.size < 20) this.invalidExamples.add(doc.cvrText);
    } else if (doc.cvrText.startsWith('DK')) this.dkPrefix += n;
    else if (doc.cvrText.includes(' ')) this.spacedCvr += n;
    if (cvr) {
      this.validCvrs.add(cvr);
      let set = this.names.get(cvr);
      if (!set) this.names.set(cvr, (set = new Set()));
      set.add(doc.supplierName);
    }
    this.supplierIndexes.add(doc.supplier.index);
    this.unitIndexes.add(doc.unit.index);
    if (doc.currency === 'EUR') {
      this.eurDocuments++;
      this.eurLines += n;
    }
    const yearIndex = civilFromDays(doc.invoiceDay).year === 2024 ? 0 : 1;
    const acc = this.category(doc.categoryId);
    acc.documents++;
    acc.units.add(doc.unit.index);
    if (cvr) acc.cvrs.add(cvr);
    let docMinor = 0;
    const silent = (doc.supplier.style.emptyText ?? 0) >= SILENT_FROM ? this.silentAcc(doc.supplier.index) : null;
    for (const line of doc.lines) {
      const minor = dkkMinor(line.amountMinor, doc.currency);
      docMinor += minor;
      if (doc.currency === 'EUR') this.eurMinor += line.amountMinor;
      const text = line.text;
      if (silent) {
        silent.lines++;
        silent.minor += minor;
        if (text === '') silent.emptyLines++;
      }
      if (text === '') this.emptyTexts++;
      else {
        if (line.generic) {
          this.genericLines++;
          this.genericMinor += minor;
        }
        if (text.includes(';')) this.semicolons++;
        if (text.includes('"')) this.quotes++;
        if (text.includes('\n')) this.lineBreaks++;
        const cprs = text.match(CPR_PATTERN);
        if (cprs) {
          this.cprLines++;
          this.cprOccurrences += cprs.length;
        }
      }
    }
    this.minor += docMinor;
    if (isAddressable(doc.categoryId)) this.addressableMinor += docMinor;
    this.byYear[yearIndex] += docMinor;
    acc.lines += n;
    acc.minor += docMinor;
    acc.byYear[yearIndex] += docMinor;
    if (!cvr) acc.noCvrMinor += docMinor;
    if (acc.bySupplier && cvr) {
      let s = acc.bySupplier.get(cvr);
      if (!s) acc.bySupplier.set(cvr, (s = { minor: 0, lines: 0, byYear: [0, 0] }));
      s.minor += docMinor;
      s.lines += n;
      s.byYear[yearIndex] += docMinor;
    }
    if (this.smallTracked.has(doc.categoryId) && !doc.credit && doc.currency === 'DKK') {
      acc.invoiceDocuments++;
      if (docMinor > 0 && docMinor < SMALL_LIMIT_MINOR) {
        acc.smallDocuments++;
        acc.smallMinor += docMinor;
      }
    }
  }

  private silentAcc(index: number): SilentAcc {
    let acc = this.silent.get(index);
    if (!acc) this.silent.set(index, (acc = { lines: 0, emptyLines: 0, minor: 0 }));
    return acc;
  }

  private addOrder(doc: Document): void {
    this.orders++;
    this.orderLines += doc.orderLines.length;
    if (doc.lines.length > 0) this.orderLinesInvoiced += doc.orderLines.length;
    for (const line of doc.orderLines) {
      this.orderMinor += line.amountMinor;
      if (!line.planted) continue;
      let acc = this.plantedItems.get(line.planted);
      if (!acc) {
        acc = { itemNo: line.itemNo, itemName: line.itemName, unspsc: line.unspsc, supplierCvr: doc.supplier.cvr, prices: new Set(), units: new Set(), lines: 0 };
        this.plantedItems.set(line.planted, acc);
      }
      acc.prices.add(line.priceMinor);
      acc.units.add(doc.unit.index);
      acc.lines++;
    }
  }
}
