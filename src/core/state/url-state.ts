/**
 * The view state that lives in the URL hash, so a view can be bookmarked and shared:
 * `#/categories?from=2024-01-01&to=2024-12-31&unit=Skovbakkeskolen&category=office&source=invoice&lang=en`.
 */
export const SCREENS = [
  'import',
  'overview',
  'categories',
  'suppliers',
  'opportunities',
  'classification',
  'report',
  'compare',
] as const;
export type Screen = (typeof SCREENS)[number];

export const SOURCES = ['invoice', 'ecommerce'] as const;
export type SourceKind = (typeof SOURCES)[number];

export type Lang = 'da' | 'en';

export interface Filters {
  /** Inclusive ISO dates (YYYY-MM-DD). */
  from: string | null;
  to: string | null;
  unit: string | null;
  category: string | null;
  source: SourceKind | null;
}

export interface ViewState {
  screen: Screen;
  filters: Filters;
  lang: Lang;
}

export const EMPTY_FILTERS: Filters = { from: null, to: null, unit: null, category: null, source: null };
export const DEFAULT_VIEW: ViewState = { screen: 'overview', filters: EMPTY_FILTERS, lang: 'da' };

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isScreen(value: string): value is Screen {
  return (SCREENS as readonly string[]).includes(value);
}

function isSource(value: string): value is SourceKind {
  return (SOURCES as readonly string[]).includes(value);
}

function validDate(value: string | null): string | null {
  if (!value || !ISO_DATE.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value) ? value : null;
}

/** Parses a location hash; anything unknown or malformed falls back to the default, never throws. */
export function parseHash(hash: string): ViewState {
  const text = hash.replace(/^#/, '');
  const [path = '', query = ''] = text.split('?', 2);
  const name = path.replace(/^\//, '');
  const params = new URLSearchParams(query);
  const source = params.get('source');
  return {
    screen: isScreen(name) ? name : DEFAULT_VIEW.screen,
    lang: params.get('lang') === 'en' ? 'en' : 'da',
    filters: {
      from: validDate(params.get('from')),
      to: validDate(params.get('to')),
      unit: params.get('unit') || null,
      category: params.get('category') || null,
      source: source && isSource(source) ? source : null,
    },
  };
}

/** Formats a view state as a hash; the inverse of parseHash for every valid state. */
export function formatHash(view: ViewState): string {
  const params = new URLSearchParams();
  const { from, to, unit, category, source } = view.filters;
  if (from) params.set('from', from);
  if (to) params.set('to', to);
  if (unit) params.set('unit', unit);
  if (category) params.set('category', category);
  if (source) params.set('source', source);
  if (view.lang !== 'da') params.set('lang', view.lang);
  const query = params.toString();
  return `#/${view.screen}${query ? `?${query}` : ''}`;
}

export function activeFilterCount(filters: Filters): number {
  return Object.values(filters).filter((v) => v !== null).length;
}
