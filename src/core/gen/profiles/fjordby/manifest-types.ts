import type { OpportunityKind } from '../../../analysis/opportunities/types.js';
import type { ManifestCommon, SupplierSpend } from '../../manifest.js';

/**
 * Fjordby Kommune's manifest: the common part, then the planted findings with the opportunity
 * kind an analysis should raise for each, the categories where it must raise nothing, and the
 * truth of the agreement register (which tree categories each row covers; the register file
 * itself never says).
 *
 * Spend per supplier is by valid CVR as written (after removing "DK" and spaces), as plain SQL
 * over the files reproduces it; lines without a valid CVR are reported beside it.
 */

/** One planted finding in short: what to look for, where, and which kind of opportunity. */
export interface ExpectedFinding {
  key: string;
  categoryIds: string[];
  kind: OpportunityKind;
  /** A warning the finding should carry besides its kind. */
  warning?: 'framework-near-maximum' | 'agreement-ends-within-horizon';
  why: string;
}

export interface WellBoughtFigures {
  categoryId: string;
  agreementIds: string[];
  supplierCvrs: string[];
  spendDkk: number;
  onAgreementSpendDkk: number;
  onAgreementShare: number;
  suppliers: number;
  spendWithoutValidCvr: number;
}

export type SupplierSpendByYear = SupplierSpend & { spendByYear: Record<string, number> };

export interface SplitFigures {
  categoryIds: string[];
  kind: OpportunityKind;
  thresholdDkk: number;
  thresholdSource: string;
  spendDkk: number;
  spendByYear: Record<string, number>;
  suppliers: SupplierSpendByYear[];
  supplierCount: number;
  largestSupplierShare: number;
  units: number;
  agreements: string[];
  spendWithoutValidCvr: number;
}

export interface RegisterTruthRow {
  /** 1-based data row in kontrakter.csv. */
  row: number;
  agreementId: string;
  name: string;
  supplierCvr: string;
  /** False where the register row leaves the CVR column empty (the supplier is named only). */
  cvrInRegister: boolean;
  /** The supplier's name as the register writes it (and its name on invoices). */
  supplierName: string;
  supplierInvoiceName: string;
  categoryIds: string[];
  area: string;
  tender: string;
  tendered: boolean;
  validFrom: string;
  validTo: string;
  estimatedValueDkk: number | null;
}

export interface FjordbyPlanted {
  expected: ExpectedFinding[];
  /** No tender, consolidate or agreement finding may be raised on these categories. */
  wellBought: string[];
  wellBoughtFigures: WellBoughtFigures[];
  itHardwareOffAgreement: {
    categoryIds: string[];
    kind: OpportunityKind;
    agreementId: string;
    agreementSupplierCvr: string;
    agreementSupplierName: string;
    spendDkk: number;
    onAgreementSpendDkk: number;
    offAgreementSpendDkk: number;
    spendWithoutValidCvr: number;
    offAgreementShare: number;
    mavericks: SupplierSpend[];
  };
  craftsWithoutAgreement: SplitFigures;
  vehicleRepairSplit: SplitFigures;
  frameworkNearMaximum: {
    categoryIds: string[];
    kind: OpportunityKind;
    agreementId: string;
    name: string;
    validFrom: string;
    validTo: string;
    maxValueDkk: number;
    /** Spend on the framework's suppliers (valid CVR) in its categories while it was valid. */
    usedDkk: number;
    usedShare: number;
    supplierCvrs: string[];
  };
  agreementEndingSoon: {
    categoryIds: string[];
    kind: OpportunityKind;
    agreementId: string;
    name: string;
    validTo: string;
    dataLastDate: string;
    monthsAfterData: number;
    spendDkk: number;
    onAgreementSpendDkk: number;
    onAgreementShare: number;
    supplierCvr: string;
  };
  /** Lines without a text, and suppliers that (almost) never send one. */
  silentSuppliers: { cvr: string; name: string; categoryId: string; lines: number; emptyLines: number; spendDkk: number }[];
  genericTexts: { lines: number; spendDkk: number; examples: string[] };
}

export interface FjordbyManifest extends ManifestCommon {
  profile: 'fjordby';
  planted: FjordbyPlanted;
  register: { file: string; rows: RegisterTruthRow[] };
}
