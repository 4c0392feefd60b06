import { useEffect, useState } from 'react';
import { formatNumber } from '../../core/format/format.js';
import { useT } from './app-context.js';
import { secondsLeft } from './time-left.js';
import type { BuildProgress } from './workspace-build.js';

/** An import's progress: what it does, a bar, the rows so far, the time left and "Annullér". */
export function BuildProgressView({ progress }: { progress: BuildProgress }) {
  const { t, lang } = useT();
  const [now, setNow] = useState(() => performance.now());
  // The estimate moves with the clock between steps, not only when a step ends.
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const { step } = progress;
  const clock = step ? Math.max(now, step.at) : now;
  const left = step ? secondsLeft(progress.started, step.at, clock, step.done) : null;
  // The bar moves with the same estimate, never behind what is really done nor to the end before it.
  const total = left === null ? null : clock - progress.started + left * 1000;
  const shown = step ? (total ? Math.min(0.99, Math.max(step.done, (clock - progress.started) / total)) : step.done) : 0;
  const time = left === null ? null : left < 90 ? t('build.seconds', { n: left }) : t('build.minutes', { n: Math.round(left / 60) });
  return (
    <div className="build-progress" data-testid="build-progress">
      <p className="busy">{progress.cancelling ? t('build.cancelling') : progress.text}</p>
      {step && (
        <>
          <progress max={1} value={shown} data-testid="build-progress-bar" data-done={step.done.toFixed(3)} />
          <p className="muted">
            {step.rows > 0 && (
              <span data-testid="build-rows" data-value={step.rows}>
                {t(step.rowsKind === 'read' ? 'build.rowsRead' : 'build.rowsLoaded', { rows: formatNumber(step.rows, lang) })}
              </span>
            )}
            {step.rows > 0 && time && ' · '}
            {time && <span data-testid="build-time-left">{t('build.timeLeft', { time })}</span>}
          </p>
        </>
      )}
      {progress.cancel && (
        <button type="button" data-testid="build-cancel" disabled={progress.cancelling} onClick={progress.cancel}>
          {t('build.cancel')}
        </button>
      )}
    </div>
  );
}
