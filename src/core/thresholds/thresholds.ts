// EU thresholds are data (thresholds.json), dated and sourced, so a municipality can correct them
// when KFST publishes new DKK figures; this module only loads, checks and looks them up.
import data from './thresholds.json' with { type: 'json' };
import type { Regime } from '../taxonomy/category-tree.js';
import type { SettingProblem } from '../workspace/settings-error.js';

/**
 * The procurement regimes of the category tree, the small-lots exemption (supplies/services), and
 * the Danish thresholds for works below the EU threshold (tilbudsloven): licitation above 3 mio. kr.,
 * informal bids from 300.000 kr. The Danish ones are DKK amounts with no EUR figure (eur 0).
 */
export type ThresholdRegime = Regime | 'small-lots' | 'works-licitation' | 'works-bids';

export const THRESHOLD_REGIMES: readonly ThresholdRegime[] = ['standard', 'light', 'works', 'small-lots', 'works-licitation', 'works-bids'];

/** Thresholds set in Danish law in DKK only. */
export const NATIONAL_REGIMES: readonly ThresholdRegime[] = ['works-licitation', 'works-bids'];

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

const REGIME_DA: Record<ThresholdRegime, string> = {
  standard: 'varer og tjenesteydelser',
  light: 'light-regimet',
  works: 'bygge og anlæg',
  'small-lots': 'mindre delkontrakter',
  'works-licitation': 'tilbudsloven, licitation',
  'works-bids': 'tilbudsloven, underhåndsbud',
};

/** Problems in both languages, each naming its row (`${index}.field`); an empty list means the table can be used. */
export function thresholdProblems(list: readonly Threshold[]): SettingProblem[] {
  const problems: SettingProblem[] = [];
  for (const [i, t] of list.entries()) {
    const at = `#${i + 1} (${String(t.regime)} ${String(t.validFrom)})`;
    const atDa = `Række ${i + 1} (${REGIME_DA[t.regime] ?? String(t.regime)} ${String(t.validFrom)})`;
    const add = (field: string, da: string, en: string) => problems.push({ field: `${i}.${field}`, da: `${atDa}: ${da}`, en: `${at}: ${en}` });
    if (!THRESHOLD_REGIMES.includes(t.regime)) add('regime', 'ukendt regime', 'unknown regime');
    if (!ISO.test(t.validFrom) || !ISO.test(t.validTo)) add('validFrom', 'datoer skal skrives ÅÅÅÅ-MM-DD', 'dates must be YYYY-MM-DD');
    else if (t.validFrom > t.validTo) add('validTo', 'startdatoen ligger efter slutdatoen', 'validFrom is after validTo');
    const national = NATIONAL_REGIMES.includes(t.regime);
    if (!(t.dkk > 0) || !(national ? t.eur >= 0 : t.eur > 0)) add(t.dkk > 0 ? 'eur' : 'dkk', 'beløbene skal være positive', 'amounts must be positive');
    if (!t.source?.trim()) add('source', 'der skal angives en kilde', 'a source is required');
  }
  for (const regime of THRESHOLD_REGIMES) {
    const spans = list
      .map((t, index) => ({ t, index }))
      .filter(({ t }) => t.regime === regime)
      .sort((a, b) => a.t.validFrom.localeCompare(b.t.validFrom));
    for (let i = 1; i < spans.length; i++) {
      const prev = spans[i - 1]!.t;
      const cur = spans[i]!;
      if (cur.t.validFrom <= prev.validTo) {
        problems.push({
          field: `${cur.index}.validFrom`,
          da: `${REGIME_DA[regime]}: perioderne fra ${prev.validFrom} og ${cur.t.validFrom} overlapper`,
          en: `${regime}: ${prev.validFrom} and ${cur.t.validFrom} overlap`,
        });
      }
    }
  }
  return problems;
}

/** Human-readable problems (English); an empty list means the table can be used. */
export function validateThresholds(list: readonly Threshold[]): string[] {
  return thresholdProblems(list).map((p) => p.en);
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
