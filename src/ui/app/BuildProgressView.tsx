import { useEffect, useState } from 'react';
import { formatNumber } from '../../core/format/format.js';
import { useT } from './app-context.js';
import type { BuildProgress } from './workspace-build.js';

/**
 * Seconds left, from the time spent so far and the share done: an estimate that settles as the
 * import goes on. None before a tenth is done or a second has passed (too early to say).
 */
export function secondsLeft(elapsedMs: number, done: number): number | null {
  if (done < 0.1 || done >= 1 || elapsedMs < 1000) return null;
  return Math.max(1, Math.round(((elapsedMs / done) * (1 - done)) / 1000));
}

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
  const left = step ? secondsLeft(now - progress.started, step.done) : null;
  const time = left === null ? null : left < 90 ? t('build.seconds', { n: left }) : t('build.minutes', { n: Math.round(left / 60) });
  return (
    <div className="build-progress" data-testid="build-progress">
      <p className="busy">{progress.cancelling ? t('build.cancelling') : progress.text}</p>
      {step && (
        <>
          <progress max={1} value={step.done} data-testid="build-progress-bar" data-done={step.done.toFixed(3)} />
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
