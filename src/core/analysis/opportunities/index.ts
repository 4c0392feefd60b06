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
export {
  buildKraljicMatrix, KRALJIC_DEFAULTS, KRALJIC_QUADRANTS, kraljicFiguresIn, loadKraljic, loadKraljicFigures, MARKET_RISK,
  QUADRANT_APPROACH, quadrantOf, REGIME_RISK, RISK_WEIGHTS, riskComponents, riskScore,
  type KraljicCategory, type KraljicData, type KraljicFigures, type KraljicMatrix, type KraljicOptions, type KraljicQuadrant, type RiskComponents,
} from './kraljic.js';
export {
  KRALJIC_OVERRIDE_TABLE_SQL, loadKraljicOverrides, resetKraljicOverrides, RISK_LEVELS, saveKraljicOverride, type RiskLevel,
} from './kraljic-overrides.js';
