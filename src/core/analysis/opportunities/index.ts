export { findOpportunities, findOpportunitiesIn } from './find.js';
export {
  analysisForContract, categoriesForContract, categoriesIn, toContractOpportunity,
  type ContractAnalysis, type ContractCategory, type ContractOpportunity,
} from './contract.js';
export { ACTIONS } from './rationale.js';
export * from './types.js';
export { buildActionPlan, WAVE_OF, type ActionPlan, type ActionWave, type WaveNote, type WaveNumber } from './action-plan.js';
export {
  defaultOpportunitySettings, loadOpportunitySettings, OPPORTUNITY_SETTINGS_TABLE_SQL, resetOpportunitySettings,
  saveOpportunitySettings, validateOpportunitySettings, type OpportunitySettings,
} from './settings.js';
