// The review workflow behind the classification screen: the queue of unclassified spend, learned
// suggestions and their acceptance, bulk assignment and rule edits (saved via rule-store, then
// re-classified), previews and explanations through the engine. See src/core/classify.
export { acceptSuggestion, acceptSuggestionsAbove } from './acceptance.js';
export { assignGroups, descriptionRule, groupRules, manualRule, overrideLine, supplierRule, type TextMatch } from './assign.js';
export { categoryLabel, categoryOptions, type CategoryOption } from './category-labels.js';
export { findLines, type FoundLine, type LineFilter } from './lines.js';
export { explain, previewRule, previewRules, supplierProposals, type PreviewOptions, type TakenFrom } from './preview.js';
export { openLinesSql, reviewQueue, type QueueGrouping, type QueuePage, type QueueRequest, type QueueRow } from './queue.js';
export {
  deleteRules, editRules, exportUserRules, importRuleSet, INCREMENTAL_MAX, setBuiltinRuleEnabled, setRuleEnabled, upsertRules, userRuleProblems,
  type EditOptions, type ImportResult, type RuleChangeResult, type RuleEdit,
} from './rule-edits.js';
export { ruleOverview, type RuleOverview, type RuleWithUse } from './rule-list.js';
export { AbortedError, serialized } from './serial.js';
export { learnedSuggestions, openSuggestionsSql, type Suggestion, type SuggestionKind, type SuggestionPage, type SuggestionRequest } from './suggestions.js';
