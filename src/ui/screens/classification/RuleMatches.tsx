import type { LineExplanation } from '../../../core/classify/index.js';
import { categoryLabel } from '../../../core/review/index.js';
import { useT } from '../../app/app-context.js';
import { useCategoryTree } from './CategoryPicker.js';
import { methodKey } from './labels.js';

/** Every enabled rule that matches a line, best first: the first decided, the others lost on precedence. */
export function RuleMatches({ explanation: e }: { explanation: LineExplanation }) {
  const { t, lang } = useT();
  const tree = useCategoryTree();
  if (e.matches.length === 0) return <p className="muted" data-testid="why-matches">{t('cls.noMatches')}</p>;
  return (
    <table className="data-table cls-matches" data-testid="why-matches">
      <caption>{t('cls.matchesTitle')}</caption>
      <thead>
        <tr>
          <th>{t('cls.colRank')}</th>
          <th>{t('cls.colRule')}</th>
          <th>{t('cls.colMethod')}</th>
          <th>{t('cls.colCategory')}</th>
          <th>{t('cls.colOutcome')}</th>
        </tr>
      </thead>
      <tbody>
        {e.matches.map((m) => {
          const decided = m.ruleId === e.decision?.ruleId;
          const refined = m.ruleId === e.decision?.refineRuleId;
          const overruled = m.ruleId === e.decision?.overruledRuleId;
          return (
            <tr key={m.ruleId} className={decided ? 'cls-decided' : undefined}>
              <td className="num">{m.rank}</td>
              <td>
                <code>{m.ruleId}</code>
                <span className="muted"> {m.signal}{m.column ? `:${m.column}` : ''} {m.match} “{m.pattern}”</span>
              </td>
              <td>{t(methodKey(m.method))}</td>
              <td>{categoryLabel(tree, m.categoryId, lang)}</td>
              <td>{decided ? <strong>{t('cls.decided')}</strong> : refined ? t('cls.refinedLevel2') : overruled ? <span data-testid="why-overruled">{t('cls.overruled')}</span> : <span className="muted">{t('cls.lost')}</span>}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
