import type { RuleCatch } from '../../../core/classify/index.js';
import { categoryLabel } from '../../../core/review/index.js';
import { formatKr, formatNumber } from '../../../core/format/format.js';
import { useT } from '../../app/app-context.js';
import { useCategoryTree } from './CategoryPicker.js';
import { methodKey } from './labels.js';

/** What a rule (or several) would catch: lines and spend, what is new, and what it takes from other rules. */
export function CatchSummary({ result, loading, error, testId }: { result: RuleCatch | null; loading: boolean; error: Error | null; testId: string }) {
  const { t, lang } = useT();
  const tree = useCategoryTree();
  if (error && error.name !== 'AbortError') return <p className="error-message" role="alert" data-testid={`${testId}-error`}>{error.message}</p>;
  if (!result) return <p className="muted" aria-busy="true" data-testid={testId}>{t('cls.previewing')}</p>;
  const taken = result.takenFrom;
  return (
    <div className="cls-catch" data-testid={testId} data-lines={result.lines} data-wins={result.wins.lines} aria-busy={loading}>
      <p>
        {t('cls.catches', { lines: formatNumber(result.lines, lang), spend: formatKr(result.spend, lang, 0) })}{' '}
        {t('cls.catchWins', { lines: formatNumber(result.wins.lines, lang), spend: formatKr(result.wins.spend, lang, 0) })}{' '}
        <strong>{t('cls.catchNew', { lines: formatNumber(result.fromUnclassified.lines, lang), spend: formatKr(result.fromUnclassified.spend, lang, 0) })}</strong>
      </p>
      {taken.length > 0 ? (
        <details className="cls-taken" open={taken.length <= 3}>
          <summary>
            {t('cls.takes', {
              lines: formatNumber(taken.reduce((n, x) => n + x.lines, 0), lang),
              spend: formatKr(taken.reduce((n, x) => n + x.spend, 0), lang, 0),
              rules: formatNumber(taken.length, lang),
            })}
          </summary>
          <ul>
            {taken.slice(0, 12).map((x) => (
              <li key={`${x.ruleId ?? ''}|${x.categoryId}`}>
                {x.ruleId ? <><code>{x.ruleId}</code> ({t(methodKey(x.method))})</> : t(methodKey(x.method))} · {categoryLabel(tree, x.categoryId, lang)}:{' '}
                {formatNumber(x.lines, lang)} {t('cls.linesShort')}, {formatKr(x.spend, lang, 0)}
              </li>
            ))}
            {taken.length > 12 && <li>…</li>}
          </ul>
        </details>
      ) : (
        <p className="muted">{t('cls.takesNothing')}</p>
      )}
    </div>
  );
}
