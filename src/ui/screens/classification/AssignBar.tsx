import { useState } from 'react';
import { assignGroups, groupRules, previewRules, type QueueGrouping, type QueueRow, type TextMatch } from '../../../core/review/index.js';
import { formatKr, formatNumber } from '../../../core/format/format.js';
import { useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import { useClsActions } from './action.js';
import { CategoryPicker, useCategoryTree } from './CategoryPicker.js';
import { CatchSummary } from './CatchSummary.js';
import { useDebounced } from '../../hooks/use-debounced.js';

/** Previews run rule by rule; above this many selected groups the bar shows the selection's figures only. */
const PREVIEW_MAX = 10;

/** Bulk assignment: the selected groups → one category, as user rules, with a preview of what they catch. */
export function AssignBar({ by, selected, onDone }: { by: QueueGrouping; selected: QueueRow[]; onDone: () => void }) {
  const { t, lang } = useT();
  const tree = useCategoryTree();
  const actions = useClsActions();
  const [chosen, setChosen] = useState('');
  const [match, setMatch] = useState<TextMatch>('exact');
  // Until a person picks one, the model's suggestion for the first selected group is offered.
  const category = chosen || selected[0]?.suggestion?.categoryId || '';
  const keys = selected.map((r) => r.key).filter((k): k is string => k !== null);
  const previewKey = useDebounced(keys.length && keys.length <= PREVIEW_MAX && category ? JSON.stringify({ by, keys, category, match }) : '', 350);
  const preview = useQuery(`cls-assign-preview|${previewKey}`, (db, signal) => {
    if (!previewKey) return Promise.resolve(null);
    const p = JSON.parse(previewKey) as { by: QueueGrouping; keys: string[]; category: string; match: TextMatch };
    return previewRules(db, groupRules(p.by, p.keys, p.category, p.match), { signal, tree });
  });
  const spend = selected.reduce((n, r) => n + r.spend, 0);
  const lines = selected.reduce((n, r) => n + r.lines, 0);

  const assign = async () => {
    const ok = await actions.run(t('cls.assigning', { n: formatNumber(keys.length, lang) }), async (db) => {
      const names = Object.fromEntries(selected.filter((r) => r.key !== null).map((r) => [r.key!, r.label]));
      const result = await assignGroups(db, by, keys, category, { match, names, tree });
      return t('cls.assigned', { n: formatNumber(keys.length, lang), s: (result.ms / 1000).toFixed(1) });
    });
    if (ok) {
      setChosen('');
      onDone();
    }
  };

  return (
    <div className="cls-assign" data-testid="queue-assign-bar">
      <p className="cls-assign-what">
        {selected.length === 0
          ? t('cls.selectHint')
          : t('cls.selected', { n: formatNumber(selected.length, lang), lines: formatNumber(lines, lang), spend: formatKr(spend, lang, 0) })}
      </p>
      <div className="cls-assign-controls">
        <CategoryPicker value={category} onChange={setChosen} testId="queue-category" label={t('cls.assignTo')} disabled={!!actions.busy} />
        {by === 'description' && (
          <label className="cls-picker">
            <span>{t('cls.textMatch')}</span>
            <select value={match} onChange={(e) => setMatch(e.target.value as TextMatch)} data-testid="queue-match">
              <option value="exact">{t('cls.textExact')}</option>
              <option value="keyword">{t('cls.textKeyword')}</option>
            </select>
          </label>
        )}
        <button type="button" className="button primary" data-testid="queue-assign" disabled={!keys.length || !category || !!actions.busy} onClick={() => void assign()}>
          {t('cls.assign')}
        </button>
      </div>
      {keys.length > PREVIEW_MAX && <p className="muted">{t('cls.previewTooMany', { n: PREVIEW_MAX })}</p>}
      {previewKey && <CatchSummary result={preview.data ?? null} loading={preview.isLoading} error={preview.error} testId="queue-preview" />}
    </div>
  );
}
