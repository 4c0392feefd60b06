import { formatDate } from '../../format/format.js';
import type { Opportunity, OpportunityKind, OpportunityResult, Text } from './types.js';

/**
 * The action plan (indsatsplan) in waves, the way Copenhagen worked: easy wins first (SKI's
 * levers: use the existing agreements, fewer and larger orders), then negotiation below the
 * threshold, then the tenders, which take longest. Pure over a findOpportunities result: every
 * opportunity is in exactly one wave, and the waves' totals add up to the result's totals.
 */

export type WaveNumber = 1 | 2 | 3;

export interface WaveNote {
  opportunityId: string;
  text: Text;
}

export interface ActionWave {
  wave: WaveNumber;
  title: Text;
  /** What the wave does and why it comes in this order. */
  summary: Text;
  /** Suggested timing (an estimate, not a rule). */
  timing: Text;
  kinds: OpportunityKind[];
  /** Largest base savings first. */
  opportunities: Opportunity[];
  savingsLow: number;
  savingsBase: number;
  savingsHigh: number;
  spendMoving: number;
  /** Agreements in the wave's categories that end (or ended) — a tender should be ready before. */
  notes: WaveNote[];
}

export interface ActionPlan {
  waves: ActionWave[];
  totals: { savingsLow: number; savingsBase: number; savingsHigh: number; spendMoving: number };
}

export const WAVE_OF: Record<OpportunityKind, WaveNumber> = {
  agreement: 1,
  'small-orders': 1,
  'price-variance': 1,
  consolidate: 2,
  tender: 3,
};

const WAVES: Record<WaveNumber, Pick<ActionWave, 'title' | 'summary' | 'timing'>> = {
  1: {
    title: { da: 'Hurtige gevinster', en: 'Quick wins' },
    summary: {
      da: 'Kræver intet udbud: flyt købene over på de aftaler, kommunen allerede har, saml småordrer i færre, større ordrer eller e-handel, og aftal én pris for samme vare.',
      en: 'No tender needed: move purchases onto the agreements the municipality already has, bundle small orders into fewer, larger orders or e-commerce, and agree one price for the same item.',
    },
    timing: {
      da: 'Start nu; effekt inden for 0–6 måneder (skøn).',
      en: 'Start now; effect within 0–6 months (estimate).',
    },
  },
  2: {
    title: { da: 'Færre leverandører', en: 'Fewer suppliers' },
    summary: {
      da: 'Under tærskelværdien: saml indkøbet hos få leverandører og forhandl prisen (indhent tilbud, ingen EU-udbud).',
      en: 'Below the threshold: concentrate purchases with a few suppliers and negotiate the price (request quotes, no EU tender).',
    },
    timing: {
      da: 'Forbered i 3–6 måneder; effekt inden for 6–12 måneder (skøn).',
      en: 'Prepare over 3–6 months; effect within 6–12 months (estimate).',
    },
  },
  3: {
    title: { da: 'Udbud', en: 'Tenders' },
    summary: {
      da: 'Over tærskelværdien: udbyd samlet (udbudsloven § 30, stk. 2), største besparelse først. Et EU-udbud tager typisk 6–12 måneder fra forberedelse til kontrakt.',
      en: 'Above the threshold: tender as one contract (Public Procurement Act § 30(2)), largest saving first. An EU tender typically takes 6–12 months from preparation to contract.',
    },
    timing: {
      da: 'Planlæg over 6–18 måneder; time udbuddet efter udløbet af eksisterende aftaler (skøn).',
      en: 'Plan over 6–18 months; time each tender to the end of existing agreements (estimate).',
    },
  },
};

/** A note per agreement in the category that ends: the new contract should be ready by then. */
function agreementNotes(o: Opportunity, asOf: string | null): WaveNote[] {
  const out: WaveNote[] = [];
  for (const a of o.details.agreements ?? []) {
    if (!a.validTo) continue;
    const who = a.supplierName ? `${a.id} (${a.supplierName})` : a.id;
    const ended = asOf !== null && a.validTo < asOf;
    out.push({
      opportunityId: o.id,
      text: ended
        ? {
            da: `${o.categoryName.da}: aftalen ${who} udløb ${formatDate(a.validTo, 'da')}; kategorien købes nu uden aftale.`,
            en: `${o.categoryName.en}: agreement ${who} ended on ${formatDate(a.validTo, 'en')}; the category is now bought without one.`,
          }
        : {
            da: `${o.categoryName.da}: aftalen ${who} udløber ${formatDate(a.validTo, 'da')}; det nye udbud bør være klar inden.`,
            en: `${o.categoryName.en}: agreement ${who} expires on ${formatDate(a.validTo, 'en')}; the new tender should be ready before then.`,
          },
    });
  }
  return out;
}

export function buildActionPlan(result: Pick<OpportunityResult, 'opportunities' | 'window'>): ActionPlan {
  const asOf = result.window?.to ?? null;
  const waves = ([1, 2, 3] as const).map((wave): ActionWave => {
    const opportunities = result.opportunities
      .filter((o) => WAVE_OF[o.kind] === wave)
      .sort((a, b) => b.savingsBase - a.savingsBase || a.rank - b.rank);
    const sum = (f: (o: Opportunity) => number) => opportunities.reduce((acc, o) => acc + f(o), 0);
    return {
      wave,
      ...WAVES[wave],
      kinds: (Object.keys(WAVE_OF) as OpportunityKind[]).filter((k) => WAVE_OF[k] === wave),
      opportunities,
      savingsLow: sum((o) => o.savingsLow),
      savingsBase: sum((o) => o.savingsBase),
      savingsHigh: sum((o) => o.savingsHigh),
      spendMoving: Math.round(sum((o) => o.spendMoving) * 100) / 100,
      notes: wave === 3 ? opportunities.flatMap((o) => agreementNotes(o, asOf)) : [],
    };
  });
  const total = (f: (w: ActionWave) => number) => waves.reduce((acc, w) => acc + f(w), 0);
  return {
    waves,
    totals: {
      savingsLow: total((w) => w.savingsLow),
      savingsBase: total((w) => w.savingsBase),
      savingsHigh: total((w) => w.savingsHigh),
      spendMoving: Math.round(total((w) => w.spendMoving) * 100) / 100,
    },
  };
}
