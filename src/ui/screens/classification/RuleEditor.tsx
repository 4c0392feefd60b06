import { useMemo, useState } from 'react';
import { ruleProblems, type MatchKind, type Rule, type Signal } from '../../../core/classify/index.js';
import { previewRule, upsertRules } from '../../../core/review/index.js';
import { formatKr } from '../../../core/format/format.js';
import { useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import { useClsActions } from './action.js';
import { CatchSummary } from './CatchSummary.js';
import { CategoryPicker, useCategoryTree } from './CategoryPicker.js';
import { matchesFor, matchKey, RULE_COLUMNS, SIGNALS_FOR_EDITOR, signalKey } from './labels.js';
import { useDebounced } from '../../hooks/use-debounced.js';

/** A new user rule; it gets a readable id from what it matches when it is saved (readableId). */
export function blankRule(): Rule {
  return { id: `user:new:${Date.now().toString(36)}`, signal: 'keyword', pattern: '', match: 'word', categoryId: '', priority: 0, origin: 'user', enabled: true };
}

/** "user:keyword:sikkerhedstest", with ":2", ":3"... when a user rule already has that id. */
export function readableId(rule: Rule, taken: readonly string[]): string {
  const base = `user:${rule.signal}:${rule.column ? `${rule.column}:` : ''}${rule.pattern.trim().toLowerCase()}`;
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}:${n}`;
  return id;
}

/** The rule editor with a live preview (what the rule would catch, what it takes from other rules) before saving. */
export function RuleEditor({ initial, takenIds, onClose }: { initial: Rule; takenIds: readonly string[]; onClose: () => void }) {
  const { t, lang } = useT();
  const tree = useCategoryTree();
  const categoryIds = useMemo(() => new Set(tree.categories.map((c) => c.id)), [tree]);
  const actions = useClsActions();
  const [rule, setRule] = useState<Rule>(initial);
  const isNew = initial.id.startsWith('user:new:');
  const set = (patch: Partial<Rule>) => setRule((r) => ({ ...r, ...patch }));
  const problems = rule.pattern.trim() && rule.categoryId ? ruleProblems(rule, categoryIds) : [];
  const ready = !!rule.pattern.trim() && !!rule.categoryId && problems.length === 0;
  const probe = useDebounced(ready ? JSON.stringify(rule) : '', 350);
  const preview = useQuery(`cls-rule-preview|${probe}`, (db, signal) => (probe ? previewRule(db, JSON.parse(probe) as Rule, { signal, tree }) : Promise.resolve(null)));

  const changeSignal = (signal: Signal) => {
    const allowed = matchesFor(signal);
    set({ signal, match: allowed.includes(rule.match) ? rule.match : allowed[0]!, column: signal === 'column' ? (rule.column ?? 'description') : undefined });
  };
  const save = async () => {
    const ok = await actions.run(t('cls.savingRule'), async (db) => {
      const clean: Rule = { ...rule, pattern: rule.pattern.trim() };
      if (clean.signal !== 'column') delete clean.column;
      if (isNew) clean.id = readableId(clean, takenIds);
      if (!clean.note?.trim()) delete clean.note;
      const result = await upsertRules(db, [clean], { tree });
      return t('cls.ruleSaved', { id: clean.id, s: (result.ms / 1000).toFixed(1) });
    });
    if (ok) onClose();
  };

  return (
    <div className="cls-editor" data-testid="rule-editor">
      <h3>{isNew ? t('cls.newRule') : t('cls.editRule', { id: initial.id })}</h3>
      <div className="cls-editor-grid">
        <label className="cls-picker">
          <span>{t('cls.signal')}</span>
          <select value={rule.signal} onChange={(e) => changeSignal(e.target.value as Signal)} data-testid="rule-signal">
            {SIGNALS_FOR_EDITOR.map((s) => <option key={s} value={s}>{t(signalKey(s))}</option>)}
          </select>
        </label>
        {rule.signal === 'column' && (
          <label className="cls-picker">
            <span>{t('cls.column')}</span>
            <select value={rule.column ?? 'description'} onChange={(e) => set({ column: e.target.value })} data-testid="rule-column">
              {RULE_COLUMNS.map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
        )}
        <label className="cls-picker cls-pattern">
          <span>{t('cls.pattern')}</span>
          <input type="text" value={rule.pattern} onChange={(e) => set({ pattern: e.target.value })} placeholder={t(`cls.patternHint.${rule.signal}` as Parameters<typeof t>[0])} data-testid="rule-pattern" />
        </label>
        <label className="cls-picker">
          <span>{t('cls.matchKind')}</span>
          <select value={rule.match} onChange={(e) => set({ match: e.target.value as MatchKind })} data-testid="rule-match">
            {matchesFor(rule.signal).map((m) => <option key={m} value={m}>{t(matchKey(m))}</option>)}
          </select>
        </label>
        <CategoryPicker value={rule.categoryId} onChange={(categoryId) => set({ categoryId })} testId="rule-category" label={t('cls.category')} />
        <label className="cls-picker cls-priority">
          <span>{t('cls.priority')}</span>
          <input type="number" value={rule.priority} step={1} onChange={(e) => set({ priority: Number(e.target.value) || 0 })} data-testid="rule-priority" />
        </label>
        <label className="cls-picker cls-note">
          <span>{t('cls.note')}</span>
          <input type="text" value={rule.note ?? ''} onChange={(e) => set({ note: e.target.value })} />
        </label>
      </div>
      <p className="muted">{t(`cls.matchHelp.${rule.match}` as Parameters<typeof t>[0])}</p>
      {problems.length > 0 && (
        <ul className="error-message" role="alert" data-testid="rule-problems">
          {problems.map((p) => <li key={p}>{p}</li>)}
        </ul>
      )}
      <div className="cls-editor-preview">
        <h4>{t('cls.preview')}</h4>
        {ready ? (
          <>
            <CatchSummary result={preview.data ?? null} loading={preview.isLoading || probe !== JSON.stringify(rule)} error={preview.error} testId="rule-preview" />
            {preview.data && preview.data.sample.length > 0 && (
              <ul className="cls-sample" aria-label={t('cls.sample')}>
                <li className="muted">{t('cls.sample')}</li>
                {preview.data.sample.map((s) => (
                  <li key={String(s.line_id)}>
                    {String(s.supplier_name ?? '')} · {String(s.description ?? '–')} · {formatKr(Number(s.amount), lang, 0)}
                    {s.wins ? '' : <span className="muted"> ({t('cls.keepsOther')})</span>}
                  </li>
                ))}
              </ul>
            )}
          </>
        ) : (
          <p className="muted">{t('cls.previewNeeds')}</p>
        )}
      </div>
      <div className="actions">
        <button type="button" className="button primary" data-testid="rule-save" disabled={!ready || !!actions.busy} onClick={() => void save()}>{t('cls.saveRule')}</button>{' '}
        <button type="button" className="button" onClick={onClose}>{t('cls.cancel')}</button>
      </div>
    </div>
  );
}
