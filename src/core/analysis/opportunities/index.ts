export { findOpportunities, findOpportunitiesIn } from './find.js';
export {
  analysisForContract, categoriesForContract, categoriesIn, toContractOpportunity,
  type ContractAnalysis, type ContractCategory, type ContractOpportunity,
} from './contract.js';
export { ACTIONS } from './rationale.js';
export * from './types.js';
