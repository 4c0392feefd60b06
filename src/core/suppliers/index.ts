export { cleanCvr, cleanCvrSql, isValidCvr, validCvrSql } from './cvr.js';
export { isCvrKey, supplierKey, supplierKeySql, supplierNameKey, supplierNameKeySql } from './name-key.js';
export { buildSuppliers, DEFAULT_MERGE_OPTIONS, normaliseSupplierKeys, type MergeProposalOptions, type SupplierBuildSummary } from './build.js';
export {
  acceptMerge, acceptProposalsAbove, effectiveSupplierKeySql, listMergeProposals, refreshMergeMap, rejectMerge, resolveMerges,
  type MergeProposal,
} from './merge.js';
export { clearSupplierTables, ensureSupplierTables, type CvrStatus, type MergeStatus } from './tables.js';
export { loadSupplierDetail, loadSupplierList, loadSupplierProfile, type NameVariant, type SupplierDetail, type SupplierListOptions, type SupplierSummary } from './view.js';
