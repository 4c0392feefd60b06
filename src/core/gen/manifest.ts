import type { ProfileId } from './profile.js';
import type { FjordbyManifest } from './profiles/fjordby/manifest-types.js';

/**
 * manifest.json: what was generated and the known answers. Amounts are kr. (DKK) as numbers with
 * øre; EUR lines count at the fixed rate in `currency.eurRateDkk`. Supplier counts are distinct
 * valid CVR numbers as written on the lines (after removing "DK" and spaces), which is what SQL
 * over the files can reproduce; lines without a valid CVR are reported beside them.
 */

export interface ManifestFile {
  name: string;
  format: string;
  /** Data rows (invoice lines, order lines, contracts); documents for OIOUBL zips. */
  rows: number;
}

export interface SupplierSpend {
  cvr: string;
  name: string;
  spendDkk: number;
  lines: number;
}

export interface CategoryFigures {
  id: string;
  lines: number;
  documents: number;
  spendDkk: number;
  suppliers: number;
  units: number;
}

/** What every profile's manifest holds; `planted` and what follows it are the profile's own. */
export interface ManifestCommon {
  generator: { name: string; version: number };
  municipality: { name: string; cvr: string; inhabitants: number };
  seed: string;
  options: { lines: number; annualSpendKr: number; formats: string[]; from: string; to: string };
  files: ManifestFile[];
  truth: { file: string; rows: number; invoiceRowsApplyTo: string[] } | null;
  totals: {
    invoiceLines: number;
    documents: number;
    creditNotes: number;
    creditNoteLines: number;
    spendDkk: number;
    addressableSpendDkk: number;
    spendByYear: Record<string, number>;
    suppliers: number;
    suppliersWithValidCvr: number;
    units: number;
    categoriesPresent: number;
  };
  categories: CategoryFigures[];
  units: { name: string; ean: string; costCentre: string; function: string }[];
  cvrMess: {
    linesMissingCvr: number;
    linesDkPrefix: number;
    linesInvalidCvr: number;
    linesSpacedCvr: number;
    invalidCvrExamples: string[];
  };
  nameVariants: { cvr: string; canonical: string; names: string[] }[];
  textMess: { emptyTexts: number; textsWithSemicolon: number; textsWithQuote: number; textsWithLineBreak: number };
  cpr: { lines: number; occurrences: number; pattern: string };
  currency: { eurLines: number; eurDocuments: number; eurAmount: number; eurRateDkk: number };
  ecommerce: { orders: number; lines: number; linesInvoiced: number; linesNotInvoiced: number; spendDkk: number };
  contracts: { rows: number; agreements: number };
}

/** Demo Kommune's manifest. */
export interface Manifest extends ManifestCommon {
  planted: {
    officeFragmentation: {
      categoryId: string;
      spendDkk: number;
      lines: number;
      suppliers: number;
      supplierCvrs: string[];
      units: number;
      unitNames: string[];
      agreement: { id: string; supplierCvr: string; spendDkk: number; share: number };
    };
    cleaningAboveThreshold: {
      categoryId: string;
      thresholdDkk: number;
      spendByYear: Record<string, number>;
      suppliers: (SupplierSpend & { spendByYear: Record<string, number> })[];
      supplierCount: number;
      units: number;
      agreements: string[];
      spendWithoutValidCvr: number;
    };
    itHardwareMaverick: {
      categoryId: string;
      agreementId: string;
      agreementSupplierCvr: string;
      agreementSupplierName: string;
      onAgreementSpendDkk: number;
      offAgreementSpendDkk: number;
      spendWithoutValidCvr: number;
      offAgreementShare: number;
      mavericks: SupplierSpend[];
    };
    smallOrders: {
      thresholdDkk: number;
      definition: string;
      categories: { categoryId: string; documents: number; spendDkk: number; invoiceDocuments: number; share: number }[];
    };
    priceVariance: {
      key: string;
      itemNo: string;
      itemName: string;
      unspsc: string;
      supplierCvr: string;
      supplierName: string;
      ecommerceLines: number;
      units: number;
      distinctUnitPrices: number;
      minUnitPriceDkk: number;
      maxUnitPriceDkk: number;
    }[];
    wellBought: {
      categoryId: string;
      supplierCvr: string;
      supplierName: string;
      agreementId: string;
      framework: string;
      spendDkk: number;
      lines: number;
      suppliers: number;
    }[];
  };
}

/** The manifest a profile writes. */
export type ManifestFor<P extends ProfileId> = P extends 'fjordby' ? FjordbyManifest : Manifest;
export type AnyManifest = Manifest | FjordbyManifest;
