import type { Filters } from '../state/url-state.js';
import { list, sql } from '../sql/escape.js';
import type { CategoryTree } from '../taxonomy/category-tree.js';
import { categoryWithChildren } from '../taxonomy/tree-edits.js';

/** A line's date, as the filters and the analysis read it. */
const LINE_DATE = 'coalesce(document_date, posting_date)';

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const DATE_BOUND = (op: string) => `(?: AND ${escaped(LINE_DATE)} ${op} '(\\d{4}-\\d{2}-\\d{2})'::DATE)?`;
/** What filtersWhere writes for a period and a unit, in its order. */
const PERIOD_AND_UNIT = new RegExp(`^counted${DATE_BOUND('>=')}${DATE_BOUND('<=')}(?: AND unit = '((?:[^']|'')*)')?$`);

/** The first day of `iso`'s month when `iso` is a valid date ('YYYY-MM-DD') on `day` ('first' or 'last') of it, else null. */
function monthOf(iso: string, day: 'first' | 'last'): string | null {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  const want = day === 'first' ? 1 : new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d === want ? `${iso.slice(0, 7)}-01` : null;
}

/** Whole months: their first days ('YYYY-MM-01'); null: that end is open. */
export interface MonthRange {
  from: string | null;
  to: string | null;
}

/**
 * When `where` (as filtersWhere writes it) keeps the counted lines of whole months, of one unit, or
 * both, and nothing else: the months (a period from a month's first day to a month's last day, either
 * end open; both ends open when there is no period) and the unit. Else null: a period that cuts a
 * month, or any other filter. Aggregates by month and unit then answer for these lines.
 */
export function monthsAndUnit(where: string): { months: MonthRange; unit: string | null } | null {
  const m = PERIOD_AND_UNIT.exec(where.trim());
  if (!m || (!m[1] && !m[2] && m[3] === undefined)) return null;
  const from = m[1] ? monthOf(m[1], 'first') : null;
  const to = m[2] ? monthOf(m[2], 'last') : null;
  if ((m[1] && !from) || (m[2] && !to)) return null;
  return { months: { from, to }, unit: m[3] === undefined ? null : m[3].replaceAll("''", "'") };
}

/**
 * When `where` (as filtersWhere writes it) keeps the counted lines of whole months and nothing else
 * (a period from a month's first day to a month's last day, either end open), those months; else null.
 */
export function wholeMonths(where: string): MonthRange | null {
  const parsed = monthsAndUnit(where);
  return parsed && parsed.unit === null ? parsed.months : null;
}

/** `months` as a condition on a `month` column (TRUE when both ends are open). */
export function monthBounds(months: MonthRange): string {
  const bounds = [months.from && `month >= ${sql`${months.from}`}::DATE`, months.to && `month <= ${sql`${months.to}`}::DATE`].filter(Boolean);
  return bounds.length ? bounds.join(' AND ') : 'TRUE';
}

/**
 * The global filters as a WHERE condition over spend_line (alias-free column names). With the
 * workspace's tree a level-1 category filter selects its children by the tree's parent links
 * (a moved category keeps its id); without it, by id prefix as in the default tree.
 */
export function filtersWhere(filters: Filters, tree?: CategoryTree): string {
  // E-commerce lines that are also invoiced are counted once, on the invoice.
  const parts: string[] = ['counted'];
  if (filters.from) parts.push(`${LINE_DATE} >= ${sql`${filters.from}`}::DATE`);
  if (filters.to) parts.push(`${LINE_DATE} <= ${sql`${filters.to}`}::DATE`);
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
