export { defaultThresholds, THRESHOLD_REGIMES, thresholdFor, thresholdProblems, validateThresholds, type Threshold, type ThresholdRegime } from './thresholds.js';
export { ensureThresholdTable, loadThresholds, resetThresholds, saveThresholds, THRESHOLD_TABLE_SQL } from './table.js';
