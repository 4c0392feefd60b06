// Classification: rules (built-in from the category tree's crosswalk, user, learned, manual) compiled
// to set-based SQL, a naive Bayes model for what no rule catches, explanations and coverage.
// See docs/classification.md.
export { builtinRules, exportRules, importRules, normalizePattern, ruleProblems, RuleImportError, TIERS, TIER_METHOD } from './rules.js';
export type { MatchKind, Method, Rule, RuleOrigin, Signal } from './rules.js';
export { classifyAll, MIN_RULE_SHARE_TO_ACCEPT, modelBasis, reclassifyForRule, type ClassifyOptions, type ClassifyStats, type ModelBasis } from './engine.js';
export { RuleSetError } from './rule-table.js';
export { DEFAULT_ACCEPT_LEARNED, DEFAULT_ACCEPT_REFINE, trainModel } from './learned.js';
export { acceptLearned, predictLearned } from './learned-predict.js';
export { explainLine, ruleCatch, type LineExplanation, type RuleCatch, type RuleMatch } from './explain.js';
export { coverage, type Coverage, type MethodCoverage } from './coverage.js';
export { proposeSupplierRules, type SupplierProposal, type SupplierRuleOptions } from './suppliers.js';
export { ensureClassifySchema } from './schema.js';
