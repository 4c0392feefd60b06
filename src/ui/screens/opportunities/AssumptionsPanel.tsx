import { useState } from 'react';
import {
  loadOpportunitySettings, resetOpportunitySettings, saveOpportunitySettings, validateOpportunitySettings,
  type OpportunitySettings,
} from '../../../core/analysis/opportunities/index.js';
import { formatEditable, parseEditable } from '../../../core/format/editable.js';
import type { Lang } from '../../../core/state/url-state.js';
import { useT } from '../../app/app-context.js';
import { useQuery } from '../../app/use-query.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useSettingsSave } from './use-settings-save.js';
import { ProblemList } from '../../components/ProblemList.js';

/** How a setting is shown: a share as %, an amount in kr., or a count. */
type Unit = 'pct' | 'kr' | 'krYear' | 'count' | 'perYear' | 'suppliers' | 'units' | 'months';

interface Field {
  key: string;
  unit: Unit;
  hint?: MessageKey;
}

interface Group {
  title: MessageKey;
  fields: Field[];
}

const RATE_GROUPS: Group[] = [
  { title: 'opset.rates', fields: [{ key: 'rates.low', unit: 'pct' }, { key: 'rates.base', unit: 'pct' }, { key: 'rates.high', unit: 'pct' }] },
  {
    title: 'opset.removed',
    fields: [
      { key: 'rates.perInvoice', unit: 'kr', hint: 'opset.rates.perInvoiceHint' },
      { key: 'rates.invoicesRemoved.low', unit: 'pct' },
      { key: 'rates.invoicesRemoved.base', unit: 'pct' },
      { key: 'rates.invoicesRemoved.high', unit: 'pct' },
    ],
  },
];

const RULE_GROUPS: Group[] = [
  {
    title: 'opset.group.small',
    fields: [
      { key: 'rules.smallOrderLimit', unit: 'kr' },
      { key: 'rules.smallOrdersMinAnnual', unit: 'perYear' },
      { key: 'rules.smallOrdersMinShare', unit: 'pct' },
    ],
  },
  { title: 'opset.group.agreement', fields: [{ key: 'rules.agreementMinAnnual', unit: 'krYear' }, { key: 'rules.agreementMinShare', unit: 'pct' }] },
  { title: 'opset.group.tender', fields: [{ key: 'rules.tenderMinNoAgreementShare', unit: 'pct' }, { key: 'rules.retenderHorizonMonths', unit: 'months' }] },
  {
    title: 'opset.group.consolidate',
    fields: [
      { key: 'rules.consolidateMinAnnual', unit: 'krYear' },
      { key: 'rules.consolidateMinSuppliers', unit: 'suppliers' },
      { key: 'rules.consolidateMinUnits', unit: 'units' },
      { key: 'rules.consolidateKeep', unit: 'suppliers' },
    ],
  },
  { title: 'opset.group.price', fields: [{ key: 'rules.priceMinSpread', unit: 'pct' }, { key: 'rules.priceMinAnnual', unit: 'krYear' }] },
];

const ALL_FIELDS = [...RATE_GROUPS, ...RULE_GROUPS].flatMap((g) => g.fields);

type Draft = Record<string, string>;

function get(s: OpportunitySettings, key: string): number {
  const [group, a, b] = key.split('.') as [string, string, string | undefined];
  const root = (group === 'rates' ? s.rates : s.rules) as unknown as Record<string, number | Record<string, number>>;
  const v = b ? (root[a] as Record<string, number>)[b] : root[a];
  return v as number;
}

/** Shares are edited in %, amounts with the language's grouping. */
function toDraft(s: OpportunitySettings, lang: Lang): Draft {
  return Object.fromEntries(
    ALL_FIELDS.map((f) => {
      const v = get(s, f.key);
      return [f.key, formatEditable(f.unit === 'pct' ? Math.round(v * 100 * 1e4) / 1e4 : v, lang)];
    }),
  );
}

function fromDraft(draft: Draft, lang: Lang): OpportunitySettings {
  const value = (key: string) => {
    const f = ALL_FIELDS.find((x) => x.key === key)!;
    const v = parseEditable(draft[key] ?? '', lang);
    return f.unit === 'pct' ? v / 100 : v;
  };
  return {
    rates: {
      low: value('rates.low'), base: value('rates.base'), high: value('rates.high'), perInvoice: value('rates.perInvoice'),
      invoicesRemoved: { low: value('rates.invoicesRemoved.low'), base: value('rates.invoicesRemoved.base'), high: value('rates.invoicesRemoved.high') },
    },
    rules: {
      smallOrderLimit: value('rules.smallOrderLimit'),
      tenderMinNoAgreementShare: value('rules.tenderMinNoAgreementShare'),
      agreementMinAnnual: value('rules.agreementMinAnnual'),
      agreementMinShare: value('rules.agreementMinShare'),
      consolidateMinSuppliers: value('rules.consolidateMinSuppliers'),
      consolidateMinUnits: value('rules.consolidateMinUnits'),
      consolidateKeep: value('rules.consolidateKeep'),
      consolidateMinAnnual: value('rules.consolidateMinAnnual'),
      smallOrdersMinAnnual: value('rules.smallOrdersMinAnnual'),
      smallOrdersMinShare: value('rules.smallOrdersMinShare'),
      priceMinSpread: value('rules.priceMinSpread'),
      priceMinAnnual: value('rules.priceMinAnnual'),
      retenderHorizonMonths: value('rules.retenderHorizonMonths'),
    },
  };
}

const UNIT_KEY: Record<Unit, MessageKey | null> = {
  pct: 'opset.unit.pct', kr: 'opset.unit.kr', krYear: 'opset.unit.krYear', count: null,
  perYear: 'opset.unit.perYear', suppliers: 'opset.unit.suppliers', units: 'opset.unit.units', months: 'opset.unit.months',
};

/** Savings rates and opportunity rules, edited in plain words and saved with the analysis. */
export function AssumptionsPanel() {
  const { lang } = useT();
  const settings = useQuery('opp-settings', (db) => loadOpportunitySettings(db));
  if (settings.error) throw settings.error;
  // The outcome of the last save outlives the form, which is remounted with the saved values.
  const [done, setDone] = useState<MessageKey | null>(null);
  if (!settings.data) return <p className="muted" aria-busy="true">…</p>;
  return <AssumptionsForm key={`${lang}|${JSON.stringify(settings.data)}`} saved={settings.data} done={done} setDone={setDone} />;
}

function AssumptionsForm({ saved, done, setDone }: { saved: OpportunitySettings; done: MessageKey | null; setDone: (m: MessageKey | null) => void }) {
  const { t, lang } = useT();
  const [draft, setDraft] = useState<Draft>(() => toDraft(saved, lang));
  const { problems, busy, run, save: saveChecked } = useSettingsSave(setDone);
  const invalid = new Set(problems.map((p) => p.field));

  const save = () => saveChecked(fromDraft(draft, lang), validateOpportunitySettings, saveOpportunitySettings, 'opset.saved');
  const reset = () => void run(resetOpportunitySettings, 'opset.resetDone');

  const field = (f: Field) => {
    const unit = UNIT_KEY[f.unit];
    const id = `setting-${f.key}`;
    return (
      <label key={f.key} className="setting" htmlFor={id}>
        <span className="setting-label">{t(`opset.${f.key}` as MessageKey)}</span>
        <span className="setting-input">
          <input
            id={id}
            type="text"
            inputMode="decimal"
            value={draft[f.key] ?? ''}
            aria-invalid={invalid.has(f.key) || undefined}
            data-testid={id}
            onChange={(e) => {
              setDraft({ ...draft, [f.key]: e.target.value });
              setDone(null);
            }}
          />
          {unit && <span className="unit">{t(unit)}</span>}
        </span>
        {f.hint && <span className="muted setting-hint">{t(f.hint)}</span>}
        {problems.filter((p) => p.field === f.key).map((p) => (
          <span key={p.en} className="error-message setting-problem">{p[lang]}</span>
        ))}
      </label>
    );
  };

  return (
    <section className="panel assumptions" data-testid="assumptions-panel">
      <h2>{t('opset.title')}</h2>
      <p className="muted">{t('opset.intro')}</p>
      <div className="settings-grid">
        <fieldset>
          <legend>{t('opset.rates')}</legend>
          <p className="muted setting-hint">{t('opset.ratesHint')}</p>
          {RATE_GROUPS[0]!.fields.map(field)}
        </fieldset>
        <fieldset>
          <legend>{t('opset.group.small')}: {t('opset.removed').toLowerCase()}</legend>
          {RATE_GROUPS[1]!.fields.map(field)}
        </fieldset>
      </div>
      <h3>{t('opset.rules')}</h3>
      <div className="settings-grid">
        {RULE_GROUPS.map((g) => (
          <fieldset key={g.title}>
            <legend>{t(g.title)}</legend>
            {g.fields.map(field)}
          </fieldset>
        ))}
      </div>
      <ProblemList problems={problems} testId="settings-problems" prefix={(p) => t(`opset.${p.field}` as MessageKey)} />
      <div className="settings-actions">
        <button type="button" className="button primary" disabled={busy} onClick={save} data-testid="settings-save">
          {busy ? t('opset.busy') : t('opset.save')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={reset} data-testid="settings-reset">{t('opset.reset')}</button>
        {done && !problems.length && <span className="ok-message" role="status" data-testid="settings-saved">{t(done)}</span>}
      </div>
    </section>
  );
}
