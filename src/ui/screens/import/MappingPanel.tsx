import type { SourceRole } from '../../../core/import/detect.js';
import type { ImportPlan } from '../../../core/import/plan.js';
import { CURRENCIES } from '../../../core/import/currency.js';
import { ROLES, type Mapping, type Role } from '../../../core/import/roles.js';
import type { MessageKey } from '../../i18n/messages.js';
import { useT } from '../../app/app-context.js';

export interface PlannedFile {
  plan: ImportPlan;
  mapping: Mapping;
  role: SourceRole;
  remembered: boolean;
}

/** Which role a header holds under a mapping (inverse lookup). */
function roleOf(mapping: Mapping, header: string): Role | '' {
  return (ROLES.find((r) => mapping[r] === header) ?? '') as Role | '';
}

export function mappingProblems(file: PlannedFile): MessageKey[] {
  if (file.role === 'contracts') return [];
  const problems: MessageKey[] = [];
  if (!file.mapping.amount) problems.push('import.needAmount');
  if (!file.mapping.supplierName && !file.mapping.supplierCvr) problems.push('import.needSupplier');
  return problems;
}

export function MappingPanel({
  file,
  onChange,
  onSheet,
}: {
  file: PlannedFile;
  onChange: (next: PlannedFile) => void;
  onSheet: (sheet: number) => void;
}) {
  const { t } = useT();
  const { plan } = file;
  const setRole = (header: string, role: Role | '') => {
    const mapping: Mapping = { ...file.mapping };
    for (const r of ROLES) if (mapping[r] === header) delete mapping[r];
    if (role) mapping[role] = header;
    onChange({ ...file, mapping });
  };
  const problems = mappingProblems(file);
  return (
    <div className="panel mapping-panel" data-testid="mapping-panel">
      <h3>{plan.name}</h3>
      <div className="mapping-meta">
        <span>{t('import.format')}: {plan.format.toUpperCase()}</span>
        {plan.encoding !== 'binary' && <span>{t('import.encoding')}: {plan.encoding}</span>}
        <label>
          {t('import.sourceRole')}{' '}
          <select value={file.role} data-testid="source-role" onChange={(e) => onChange({ ...file, role: e.target.value as SourceRole })}>
            {(['invoice', 'ecommerce', 'contracts'] as const).map((r) => (
              <option key={r} value={r}>{t(`role.${r}`)}</option>
            ))}
          </select>
        </label>
        {file.role !== 'contracts' && !file.mapping.currency && (
          <label>
            {t('import.currency')}{' '}
            <select value={plan.currency ?? 'DKK'} data-testid="file-currency" onChange={(e) => onChange({ ...file, plan: { ...plan, currency: e.target.value } })}>
              {CURRENCIES.map((c) => (
                <option key={c} value={c}>{c}</option>
              ))}
            </select>
          </label>
        )}
        {plan.sheets && plan.sheets.length > 1 && (
          <label>
            {t('import.sheet')}{' '}
            <select value={String(plan.sheet ?? 0)} data-testid="sheet-select" onChange={(e) => onSheet(Number(e.target.value))}>
              {plan.sheets.map((s) => (
                <option key={s.index} value={s.index}>{s.name}</option>
              ))}
            </select>
          </label>
        )}
      </div>
      {file.remembered && <p className="muted">{t('import.remembered')}</p>}
      {plan.notes.map((n) => (
        <p key={n.code} className="warning" data-testid={`plan-note-${n.code}`}>{t(`note.${n.code}` as MessageKey, n.params)}</p>
      ))}
      {plan.warnings.map((w) => (
        <p key={w} className="warning">{w}</p>
      ))}
      {file.role !== 'contracts' && (
        <div className="table-scroll" style={{ maxHeight: 360 }}>
          <table className="data-table mapping-table">
            <thead>
              <tr>
                <th>{t('import.column')}</th>
                <th>{t('import.role')}</th>
                <th>{t('import.samples')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.headers.map((header, c) => (
                <tr key={`${header}-${c}`}>
                  <td>{header}</td>
                  <td>
                    <select value={roleOf(file.mapping, header)} aria-label={header} data-testid={`map-${c}`} onChange={(e) => setRole(header, e.target.value as Role | '')}>
                      <option value="">{t('import.ignore')}</option>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>{t(`field.${r}` as MessageKey)}</option>
                      ))}
                    </select>
                  </td>
                  <td className="muted">{plan.sample.slice(0, 3).map((row) => row[c] ?? '').filter(Boolean).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {problems.map((p) => (
        <p key={p} role="alert" className="error-message">{t(p)}</p>
      ))}
    </div>
  );
}
