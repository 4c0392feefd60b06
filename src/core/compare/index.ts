export { loadComparison, standOut, COMPARE_METRICS, MARKED_METRICS, type CategoryFigures, type CompareMetric, type CompareOptions, type CompareRow, type Comparison, type DatasetSummary, type SharedSupplier } from './compare.js';
export { DATASET_LABEL_TABLE_SQL, loadFileLabels, saveFileLabels, yearSpan, type FileLabel, type LabelEdit } from './dataset-labels.js';
export { loadDatasets, type CompareBy, type Dataset } from './datasets.js';
export { JOINT_TENDER_RULES, type JointTender, type JointTenderParticipant } from './joint-tender.js';
export type { CategoryChange, PeriodChange, SupplierMove } from './changes.js';
