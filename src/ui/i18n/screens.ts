/**
 * Per-screen message modules. Each exports `{ da, en }` with the same keys; they are merged into
 * the one dictionary in messages.ts, so screens can be built side by side without touching one
 * shared file.
 */
export { default as agreements } from './screens/agreements.js';
export { default as categories } from './screens/categories.js';
export { default as categoryTree } from './screens/category-tree.js';
export { default as classification } from './screens/classification.js';
export { default as compare } from './screens/compare.js';
export { default as exporting } from './screens/export.js';
export { default as formatErrors } from './screens/format-errors.js';
export { default as importProblems } from './screens/import-problems.js';
export { default as kraljic } from './screens/kraljic.js';
export { default as opportunities } from './screens/opportunities.js';
export { default as opportunitySettings } from './screens/opportunity-settings.js';
export { default as report } from './screens/report.js';
export { default as suppliers } from './screens/suppliers.js';
export { default as workspace } from './screens/workspace.js';
export { default as workspaceBuild } from './screens/workspace-build.js';
