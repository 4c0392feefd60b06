// EU thresholds are data (thresholds.json), dated and sourced, so a municipality can correct them
// when KFST publishes new DKK figures; this module only loads, checks and looks them up.
import data from './thresholds.json' with { type: 'json' };
import type { Regime } from '../taxonomy/category-tree.js';

/** The procurement regimes of the category tree plus the small-lots exemption (supplies/services). */
export type ThresholdRegime = Regime | 'small-lots';

export const THRESHOLD_REGIMES: readonly ThresholdRegime[] = ['standard', 'light', 'works', 'small-lots'];

export interface Threshold {
  regime: ThresholdRegime;
  /** Inclusive ISO dates (YYYY-MM-DD). */
  validFrom: string;
  validTo: string;
  eur: number;
  /** Contract value excl. VAT in DKK. */
  dkk: number;
  /** True where KFST's official DKK figure is not known and `dkk` is a conversion. */
  estimate: boolean;
  source: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** A fresh copy of the shipped table (callers may edit it). */
export function defaultThresholds(): Threshold[] {
  return (data.thresholds as Threshold[]).map((t) => ({ ...t }));
}

/** Human-readable problems; an empty list means the table can be used. */
export function validateThresholds(list: readonly Threshold[]): string[] {
  const problems: string[] = [];
  for (const [i, t] of list.entries()) {
    const at = `#${i + 1} (${String(t.regime)} ${String(t.validFrom)})`;
    if (!THRESHOLD_REGIMES.includes(t.regime)) problems.push(`${at}: unknown regime`);
    if (!ISO.test(t.validFrom) || !ISO.test(t.validTo)) problems.push(`${at}: dates must be YYYY-MM-DD`);
    else if (t.validFrom > t.validTo) problems.push(`${at}: validFrom is after validTo`);
    if (!(t.dkk > 0) || !(t.eur > 0)) problems.push(`${at}: amounts must be positive`);
    if (!t.source?.trim()) problems.push(`${at}: a source is required`);
  }
  for (const regime of THRESHOLD_REGIMES) {
    const spans = list.filter((t) => t.regime === regime).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
    for (let i = 1; i < spans.length; i++) {
      if (spans[i]!.validFrom <= spans[i - 1]!.validTo) problems.push(`${regime}: ${spans[i - 1]!.validFrom} and ${spans[i]!.validFrom} overlap`);
    }
  }
  return problems;
}

/**
 * The threshold in force for a regime on a date. A date after the last period uses the latest
 * period (and says so through `outOfRange`), a date before the first uses the first.
 */
export function thresholdFor(
  list: readonly Threshold[],
  regime: ThresholdRegime,
  date: string,
): (Threshold & { outOfRange: boolean }) | null {
  const spans = list.filter((t) => t.regime === regime).sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  if (!spans.length) return null;
  const hit = spans.find((t) => t.validFrom <= date && date <= t.validTo);
  if (hit) return { ...hit, outOfRange: false };
  const fallback = date < spans[0]!.validFrom ? spans[0]! : spans[spans.length - 1]!;
  return { ...fallback, outOfRange: true };
}
