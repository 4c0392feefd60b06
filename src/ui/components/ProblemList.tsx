import type { SettingProblem } from '../../core/workspace/settings-error.js';
import { useT } from '../app/app-context.js';

/** The problems a save refused, in the user's language, each optionally prefixed (the field's label). */
export function ProblemList({ problems, testId, prefix }: { problems: readonly SettingProblem[]; testId: string; prefix?: (p: SettingProblem) => string }) {
  const { t, lang } = useT();
  if (!problems.length) return null;
  return (
    <div className="error-message" role="alert" data-testid={testId}>
      {t('opset.problems')}
      <ul>
        {problems.map((p) => (
          <li key={`${p.field}|${p.en}`}>{prefix ? `${prefix(p)}: ` : ''}{p[lang]}</li>
        ))}
      </ul>
    </div>
  );
}
