import type { Filters } from '../state/url-state.js';
import { sql } from '../sql/escape.js';

/** The global filters as a WHERE condition over spend_line (alias-free column names). */
export function filtersWhere(filters: Filters): string {
  // E-commerce lines that are also invoiced are counted once, on the invoice.
  const parts: string[] = ['counted'];
  const date = 'coalesce(document_date, posting_date)';
  if (filters.from) parts.push(`${date} >= ${sql`${filters.from}`}::DATE`);
  if (filters.to) parts.push(`${date} <= ${sql`${filters.to}`}::DATE`);
  if (filters.unit) parts.push(sql`unit = ${filters.unit}`);
  if (filters.category) {
    // A level-1 id also selects its level-2 children ("office" catches "office.supplies").
    parts.push(
      sql`line_id IN (SELECT line_id FROM classification WHERE accepted AND (category_id = ${filters.category} OR starts_with(category_id, ${`${filters.category}.`})))`,
    );
  }
  if (filters.source) parts.push(sql`source_kind = ${filters.source}`);
  return parts.join(' AND ');
}
