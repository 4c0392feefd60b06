import { useMemo, useState } from 'react';
import type { ColumnDef } from '@tanstack/react-table';
import type { Rule } from '../../../core/classify/index.js';
import { categoryLabel, deleteRules, ruleOverview, setBuiltinRuleEnabled, setRuleEnabled, type RuleWithUse } from '../../../core/review/index.js';
import { formatKr, formatNumber } from '../../../core/format/format.js';
import type { Lang } from '../../../core/state/url-state.js';
import type { CategoryTree } from '../../../core/taxonomy/category-tree.js';
import { useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import { DataTable } from '../../components/DataTable.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useClsActions } from './action.js';
import { useCategoryTree } from './CategoryPicker.js';
import { matchKey, originKey, signalKey } from './labels.js';
import { blankRule, RuleEditor } from './RuleEditor.js';
import { RuleSetIO } from './RuleSetIO.js';
import { useDebounced } from '../../hooks/use-debounced.js';
import { SearchInput } from '../../components/SearchInput.js';

type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The columns both rule lists share: what the rule reads and matches, its category and what it decides today. */
function ruleColumns(t: T, lang: Lang, tree: CategoryTree): ColumnDef<RuleWithUse, unknown>[] {
  return [
    {
      id: 'rule',
      header: t('cls.colRule'),
      accessorFn: (u) => `${t(signalKey(u.rule.signal))}${u.rule.column ? `: ${u.rule.column}` : ''} ${u.rule.pattern} (${t(matchKey(u.rule.match))})`,
      cell: ({ row: { original: u } }) => (
        <span className="cls-rule" title={u.rule.note ?? u.rule.id}>
          <span className="badge">{t(signalKey(u.rule.signal))}{u.rule.column ? `: ${u.rule.column}` : ''}</span> <code>{u.rule.pattern}</code>{' '}
          <span className="muted">{t(matchKey(u.rule.match))}</span>
          {u.rule.note && <span className="cls-note-text"> · {u.rule.note}</span>}
        </span>
      ),
    },
    { id: 'category', header: t('cls.colCategory'), accessorFn: (u) => categoryLabel(tree, u.rule.categoryId, lang), cell: ({ row }) => {
        const label = categoryLabel(tree, row.original.rule.categoryId, lang);
        return <span className="cls-label" title={label}>{label}</span>;
      } },
    { id: 'origin', header: t('cls.colOrigin'), accessorFn: (u) => t(originKey(u.rule.origin)) },
    { id: 'lines', header: t('cls.colDecides'), cell: ({ row }) => formatNumber(row.original.lines, lang), meta: { numeric: true, exportValue: (u) => u.lines, exportFormat: 'int' } },
    { id: 'spend', header: t('cls.colSpend'), cell: ({ row }) => formatKr(row.original.spend, lang, 0), meta: { numeric: true, exportValue: (u) => u.spend, exportFormat: 'amount' } },
  ];
}

/** Rules: the user's rules (switch on/off, edit, delete, new) with the editor, rule sets, and the built-in rules to search. */
export function RulesPanel() {
  const { t, lang } = useT();
  const tree = useCategoryTree();
  const actions = useClsActions();
  const overview = useQuery('cls-rules', (db, signal) => ruleOverview(db, { signal, tree }));
  const [editing, setEditing] = useState<Rule | null>(null);
  const [text, setText] = useState('');
  const search = useDebounced(text.trim().toLowerCase(), 200);

  const toggle = (u: RuleWithUse) =>
    void actions.run(u.rule.enabled ? t('cls.disabling') : t('cls.enabling'), async (db) => {
      await setRuleEnabled(db, u.rule.id, !u.rule.enabled, { tree });
      return t(u.rule.enabled ? 'cls.ruleOff' : 'cls.ruleOn', { id: u.rule.id });
    });
  const toggleBuiltin = (u: RuleWithUse) =>
    void actions.run(u.rule.enabled ? t('cls.disabling') : t('cls.enabling'), async (db) => {
      await setBuiltinRuleEnabled(db, u.rule.id, !u.rule.enabled, { tree });
      return t(u.rule.enabled ? 'cls.ruleOff' : 'cls.ruleOn', { id: u.rule.id });
    });
  const remove = (u: RuleWithUse) => {
    if (!window.confirm(t('cls.confirmDelete', { id: u.rule.id }))) return;
    void actions.run(t('cls.deleting'), async (db) => {
      await deleteRules(db, [u.rule.id], { tree });
      return t('cls.ruleDeleted', { id: u.rule.id });
    });
  };

  const userColumns = useMemo<ColumnDef<RuleWithUse, unknown>[]>(
    () => [
      {
        id: 'on',
        header: t('cls.colOn'),
        cell: ({ row: { original: u } }) => (
          <input type="checkbox" checked={u.rule.enabled} disabled={!!actions.busy} aria-label={t('cls.toggleRule', { id: u.rule.id })} data-testid="rule-toggle" onChange={() => toggle(u)} />
        ),
      },
      ...ruleColumns(t, lang, tree),
      {
        id: 'actions',
        header: t('cls.colActions'),
        cell: ({ row: { original: u } }) => (
          <span className="row-actions">
            <button type="button" className="button small" disabled={!!actions.busy} onClick={() => setEditing(u.rule)} data-testid="rule-edit">{t('cls.edit')}</button>
            <button type="button" className="button small" disabled={!!actions.busy} onClick={() => remove(u)} data-testid="rule-delete">{t('cls.delete')}</button>
          </span>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lang, actions.busy, tree],
  );
  const builtinColumns = useMemo<ColumnDef<RuleWithUse, unknown>[]>(
    () => [
      {
        id: 'on',
        header: t('cls.colOn'),
        cell: ({ row: { original: u } }) => (
          <input type="checkbox" checked={u.rule.enabled} disabled={!!actions.busy} aria-label={t('cls.toggleRule', { id: u.rule.id })} data-testid="builtin-toggle" onChange={() => toggleBuiltin(u)} />
        ),
      },
      ...ruleColumns(t, lang, tree),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [lang, actions.busy, tree],
  );

  const user = overview.data?.user ?? [];
  const builtin = useMemo(() => {
    const all = overview.data?.builtin ?? [];
    if (!search) return all;
    return all.filter((u) => `${u.rule.pattern} ${u.rule.categoryId} ${categoryLabel(tree, u.rule.categoryId, lang)}`.toLowerCase().includes(search));
  }, [overview.data, search, lang, tree]);
  if (overview.error) throw overview.error;

  return (
    <>
      <section className="panel cls-rules" data-testid="cls-rules" aria-busy={overview.isLoading}>
        <div className="panel-head">
          <h2>{t('cls.userRules')}</h2>
          <span className="muted" data-testid="user-rule-count" data-value={user.length}>{t('cls.ruleCount', { n: formatNumber(user.length, lang) })}</span>
          <button type="button" className="button primary" data-testid="rule-new" disabled={!!editing} onClick={() => setEditing(blankRule())}>{t('cls.newRule')}</button>
        </div>
        <p className="muted">{t('cls.rulesIntro')}</p>
        {editing && <RuleEditor key={editing.id} initial={editing} takenIds={user.map((u) => u.rule.id)} onClose={() => setEditing(null)} />}
        {user.length === 0 && !overview.isLoading ? (
          <p className="muted">{t('cls.noUserRules')}</p>
        ) : (
          <DataTable data={user} columns={userColumns} maxHeight={360} testId="user-rules-table" exportAs={{ name: t('export.file.rules') }} />
        )}
      </section>
      <RuleSetIO />
      <section className="panel cls-builtin" data-testid="cls-builtin">
        <div className="panel-head">
          <h2>{t('cls.builtinRules')}</h2>
          <span className="muted">{t('cls.ruleCount', { n: formatNumber(builtin.length, lang) })}</span>
          <SearchInput label={t('cls.searchRules')} value={text} onChange={setText} testId="builtin-search" />
        </div>
        <p className="muted">{t('cls.builtinIntro')}</p>
        <DataTable data={builtin} columns={builtinColumns} maxHeight={360} testId="builtin-table" exportAs={{ name: t('export.file.rules') }} />
      </section>
    </>
  );
}
