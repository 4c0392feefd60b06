import type { Filters } from '../state/url-state.js';
import { list, sql } from '../sql/escape.js';
import type { CategoryTree } from '../taxonomy/category-tree.js';
import { categoryWithChildren } from '../taxonomy/tree-edits.js';

/**
 * The global filters as a WHERE condition over spend_line (alias-free column names). With the
 * workspace's tree a level-1 category filter selects its children by the tree's parent links
 * (a moved category keeps its id); without it, by id prefix as in the default tree.
 */
export function filtersWhere(filters: Filters, tree?: CategoryTree): string {
  // E-commerce lines that are also invoiced are counted once, on the invoice.
  const parts: string[] = ['counted'];
  const date = 'coalesce(document_date, posting_date)';
  if (filters.from) parts.push(`${date} >= ${sql`${filters.from}`}::DATE`);
  if (filters.to) parts.push(`${date} <= ${sql`${filters.to}`}::DATE`);
  if (filters.unit) parts.push(sql`unit = ${filters.unit}`);
  if (filters.category) {
    // A level-1 id also selects its level-2 children ("office" catches "office.supplies").
    const known = tree?.categories.some((c) => c.id === filters.category);
    const test =
      tree && known
        ? sql`category_id IN (${list(categoryWithChildren(tree, filters.category))})`
        : sql`(category_id = ${filters.category} OR starts_with(category_id, ${`${filters.category}.`}))`;
    parts.push(`line_id IN (SELECT line_id FROM classification WHERE accepted AND ${test})`);
  }
  if (filters.source) parts.push(sql`source_kind = ${filters.source}`);
  return parts.join(' AND ');
}
