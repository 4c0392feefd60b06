/**
 * Seconds left: the whole import's time estimated from the pace up to the current step's start
 * (`done` of the work in `stepStartMs` since the start), less the time spent, so it counts down
 * between steps. None before any step ended, or once the estimate has run out (rather than a wrong one).
 */
export function secondsLeft(startedMs: number, stepStartMs: number, nowMs: number, done: number): number | null {
  const spentBeforeStep = stepStartMs - startedMs;
  if (done <= 0 || done >= 1 || spentBeforeStep < 200) return null;
  const left = spentBeforeStep / done - (nowMs - startedMs);
  return left >= 1000 ? Math.round(left / 1000) : null;
}
