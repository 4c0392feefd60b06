import type { ReactNode } from 'react';
import { formatNumber } from '../../core/format/format.js';
import type { Lang } from '../../core/state/url-state.js';

/** "from–to of total" of a page, formatted for the language (for a pager's sentence). */
export function pageRange(offset: number, page: number, total: number, lang: Lang): { from: string; to: string; total: string } {
  return { from: formatNumber(offset + 1, lang), to: formatNumber(Math.min(offset + page, total), lang), total: formatNumber(total, lang) };
}

interface PagerProps {
  /** What is shown (the page's sentence); `value` goes to the status element's data-value. */
  status: ReactNode;
  value: number;
  testId: string;
  offset: number;
  page: number;
  total: number;
  onOffset: (offset: number) => void;
  prev: string;
  next: string;
  busy?: boolean;
}

/** Previous / next buttons under a paged table, with the page's sentence before them. */
export function Pager({ status, value, testId, offset, page, total, onOffset, prev, next, busy }: PagerProps) {
  return (
    <div className="pager" aria-busy={busy}>
      <span data-testid={`${testId}-total`} data-value={value}>{status}</span>
      <button type="button" className="button small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - page))} data-testid={`${testId}-prev`}>
        {prev}
      </button>
      <button type="button" className="button small" disabled={offset + page >= total} onClick={() => onOffset(offset + page)} data-testid={`${testId}-next`}>
        {next}
      </button>
    </div>
  );
}
