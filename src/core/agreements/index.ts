export { matchCategoryText, type TextMatch } from './category-text.js';
export { loadAgreements, agreementStatus, NEAR_MAX_SHARE, type AgreementRow, type AgreementStatus, type AgreementListOptions } from './list.js';
export { setAgreementCategories, AgreementMappingError } from './manual.js';
export { decideAgreement, ensureAgreementsMapped, mapAgreements, nameParts, SUPPLIER_SHARE_MIN, type MappedCategory, type MappingMethod } from './map.js';
export { agreementKeySql, ensureAgreementTables, EFFECTIVE_AGREEMENT_CATEGORIES_SQL, AGREEMENT_SUPPLIERS_SQL } from './schema.js';
export { complianceIn, loadAgreementOverview, type AgreementOverview, type CategoryCompliance, type UnitCompliance, type SupplierSpend } from './compliance.js';
