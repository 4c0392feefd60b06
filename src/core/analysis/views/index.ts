import type { DbConnector } from '../../db/connector.js';
import { queryValue } from '../../db/rows.js';
import { ensureSchema } from '../../workspace/schema.js';

/**
 * Screen-shaped queries for the category and supplier screens (drill-downs, paged lines,
 * the supplier list under the global filters). Every function takes `where` from filtersWhere.
 */
export { loadCategoryOverview, type CategoryOverview, type CategoryRow } from './category-overview.js';
export {
  loadCategoryDrill, type CategoryDrill, type DrillMonth, type DrillOptions, type DrillSupplier, type DrillUnit, type SupplierUnitMatrix,
} from './drill.js';
export { isLineSort, LINE_SORTS, loadLinePage, loadScopeLines, type LinePage, type LinePageRequest, type LineRow, type LineSort } from './line-page.js';
export { categoryNamer, type CategoryName, type DrillScope } from './scope.js';
export {
  isSupplierSort, loadSupplierBreakdown, loadSupplierOverview, SUPPLIER_SORTS, type SupplierBreakdown, type SupplierOverview,
  type SupplierOverviewRequest, type SupplierOverviewRow, type SupplierSort,
} from './supplier-overview.js';

/** True when any line is loaded (whatever the filters): tells "no data yet" from "nothing matches". */
export async function hasSpendLines(db: DbConnector, signal?: AbortSignal): Promise<boolean> {
  await ensureSchema(db);
  return (await queryValue(db, 'SELECT EXISTS (SELECT 1 FROM spend_line)', { signal })) === true;
}
