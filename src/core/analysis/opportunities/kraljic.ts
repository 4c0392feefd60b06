import type { DbConnector } from '../../db/connector.js';
import { literal, quoteIdent } from '../../sql/escape.js';
import { sourcingOf, type Regime, type Sourcing } from '../../taxonomy/category-tree.js';
import { prepareAnalysisLines, type AnalysisLines, type AnalysisOptions } from '../fragmentation/lines.js';
import { groupMetrics } from '../fragmentation/metrics.js';
import { loadKraljicOverrides, type RiskLevel } from './kraljic-overrides.js';
import { computeWindow } from './stats.js';
import type { AnalysisWindow, Opportunity, OpportunityKind, Text } from './types.js';

/**
 * The Kraljic matrix (Kraljic 1983) per addressable level-2 category: profit impact against
 * supply risk, four quadrants and an approach for each. Documented in docs/analysis.md.
 *
 * - Profit impact: the category's annual addressable spend (the last 12 months, annualised like
 *   the opportunities). High impact: the largest categories that together make up `impactShare`
 *   (80 %) of the addressable spend — an ABC cut, so it scales with the municipality.
 * - Supply risk: a 0–1 score, the weighted sum of four components read from the data and the tree
 *   (each shown to the user): few suppliers actually used (suppliers for 80 % of the spend), the
 *   concentration (HHI), a thin market by the tree's `sourcing` flag, and the regime (light and
 *   works markets are local and specialised). Weights 0.3 / 0.2 / 0.4 / 0.1, so one supplier alone
 *   (0.5), or a category bought per citizen in the light regime (0.5), is high risk from `riskCut`
 *   (0.5). A person can override the level per category (kraljic-overrides.ts).
 */

export type KraljicQuadrant = 'strategic' | 'leverage' | 'bottleneck' | 'non-critical';

export const KRALJIC_QUADRANTS: readonly KraljicQuadrant[] = ['strategic', 'leverage', 'bottleneck', 'non-critical'];

export interface RiskComponents {
  /** 1 with one supplier for 80 % of the spend, 0 from four; (4 − n) / 3 between. */
  suppliers: number;
  /** HHI / 10,000: 1 when one supplier has all of it. */
  concentration: number;
  /** From the tree's sourcing flag: pooled 0, per-project 0.5, individual and excluded 1. */
  market: number;
  /** From the regime: standard 0, light and works 1 (local, specialised markets). */
  regime: number;
}

export const RISK_WEIGHTS: Readonly<RiskComponents> = { suppliers: 0.3, concentration: 0.2, market: 0.4, regime: 0.1 };

export const MARKET_RISK: Readonly<Record<Sourcing, number>> = { pooled: 0, 'per-project': 0.5, individual: 1, excluded: 1 };
export const REGIME_RISK: Readonly<Record<Regime, number>> = { standard: 0, light: 1, works: 1 };

export const KRALJIC_DEFAULTS = { impactShare: 0.8, riskCut: 0.5 } as const;

/** What the data says about one category, before any quadrant. */
export interface KraljicFigures {
  categoryId: string;
  name: Text;
  regime: Regime;
  sourcing: Sourcing;
  /** Annual addressable spend (window spend × the window's factor). */
  annualSpend: number;
  suppliers: number;
  suppliers80: number;
  hhi: number;
  topSupplierShare: number;
  topSupplier: string | null;
  units: number;
  risk: number;
  components: RiskComponents;
}

export interface KraljicCategory extends KraljicFigures {
  /** Share of the addressable annual spend of all categories. */
  share: number;
  impact: 'high' | 'low';
  computedRisk: RiskLevel;
  override: RiskLevel | null;
  riskLevel: RiskLevel;
  quadrant: KraljicQuadrant;
  /** The opportunities raised on the category (when they were passed in), largest saving first. */
  opportunities: { id: string; kind: OpportunityKind; rank: number; savingsBase: number }[];
}

export interface KraljicData {
  window: AnalysisWindow | null;
  /** Largest spend first. */
  figures: KraljicFigures[];
}

export interface KraljicMatrix {
  window: AnalysisWindow | null;
  /** Largest spend first. */
  categories: KraljicCategory[];
  annualSpend: number;
  /** The smallest spend that is high impact, and the largest that is not (the line lies between). */
  impactCut: { high: number; low: number } | null;
  riskCut: number;
  counts: Record<KraljicQuadrant, number>;
}

export const QUADRANT_APPROACH: Record<KraljicQuadrant, { title: Text; approach: Text }> = {
  strategic: {
    title: { da: 'Strategisk', en: 'Strategic' },
    approach: {
      da: 'Partnerskab og lange aftaler: styr leverandøren tæt (opfølgning, nøgletal), planlæg udbuddet i god tid og hav en plan for, hvis leverandøren svigter.',
      en: 'Partnership and long agreements: manage the supplier closely (follow-up, key figures), plan the tender well ahead and have a plan for when the supplier fails.',
    },
  },
  leverage: {
    title: { da: 'Løftestang', en: 'Leverage' },
    approach: {
      da: 'Saml volumen og udbyd: markedet har mange leverandører, så konkurrence på den samlede mængde giver den bedste pris.',
      en: 'Pool the volume and tender: the market has many suppliers, so competition for the whole volume gives the best price.',
    },
  },
  bottleneck: {
    title: { da: 'Flaskehals', en: 'Bottleneck' },
    approach: {
      da: 'Sikr forsyningen: rammeaftaler med flere leverandører, find alternativer og standardiser behovet, så kommunen ikke afhænger af én.',
      en: 'Secure supply: framework agreements with several suppliers, find alternatives and standardise the need, so the municipality does not depend on one.',
    },
  },
  'non-critical': {
    title: { da: 'Rutine', en: 'Non-critical' },
    approach: {
      da: 'Gør det let og billigt at købe: e-handel og kataloger, færre og større ordrer, brug de fælles aftaler (SKI).',
      en: 'Make buying easy and cheap: e-commerce and catalogues, fewer and larger orders, use the joint agreements (SKI).',
    },
  },
};

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
const round = (v: number, d: number) => Math.round(v * 10 ** d) / 10 ** d;

export function riskComponents(f: { suppliers80: number; hhi: number; sourcing: Sourcing; regime: Regime }): RiskComponents {
  return {
    // A category without positive spend has no supplier for 80 %: counted as one.
    suppliers: round(clamp01((4 - Math.max(1, f.suppliers80)) / 3), 4),
    concentration: round(clamp01(f.hhi / 10_000), 4),
    market: MARKET_RISK[f.sourcing],
    regime: REGIME_RISK[f.regime],
  };
}

export function riskScore(c: RiskComponents): number {
  const weighted = c.suppliers * RISK_WEIGHTS.suppliers + c.concentration * RISK_WEIGHTS.concentration + c.market * RISK_WEIGHTS.market + c.regime * RISK_WEIGHTS.regime;
  // Outside competition (rent, monopoly utilities) or picked by the citizen's need: never "pool and
  // tender", however many suppliers the data shows (many landlords do not make a market).
  return round(c.market >= 1 ? Math.max(weighted, 0.5) : weighted, 4);
}

export const quadrantOf = (impact: 'high' | 'low', risk: RiskLevel): KraljicQuadrant =>
  impact === 'high' ? (risk === 'high' ? 'strategic' : 'leverage') : risk === 'high' ? 'bottleneck' : 'non-critical';

/** Per-category figures over prepared lines: the fragmentation metrics of the window's addressable level-2 lines. */
export async function kraljicFiguresIn(db: DbConnector, lines: AnalysisLines): Promise<KraljicData> {
  const window = await computeWindow(db, lines);
  if (!window) return { window, figures: [] };
  const table = `${lines.scratch}_k`;
  await db.exec(
    `CREATE OR REPLACE TEMP TABLE ${quoteIdent(table)} AS
     SELECT * FROM ${quoteIdent(lines.table)}
      WHERE addressable AND cat2 IS NOT NULL AND date BETWEEN ${literal(window.from)}::DATE AND ${literal(window.to)}::DATE`,
  );
  try {
    const metrics = await groupMetrics(db, { ...lines, table }, 'category2');
    const byId = new Map(lines.tree.categories.map((c) => [c.id, c]));
    const figures = metrics.flatMap((m): KraljicFigures[] => {
      if (m.id === null) return [];
      const category = byId.get(m.id);
      const regime = category?.regime ?? 'standard';
      const sourcing = sourcingOf(category);
      const components = riskComponents({ suppliers80: m.suppliers80, hhi: m.hhi, sourcing, regime });
      return [{
        categoryId: m.id, name: { ...m.name }, regime, sourcing,
        annualSpend: round(m.addressableSpend * window.factor, 2),
        suppliers: m.suppliers, suppliers80: m.suppliers80, hhi: m.hhi, topSupplierShare: m.topSupplierShare,
        topSupplier: m.topSupplier ? (m.topSupplier.name ?? m.topSupplier.key) : null, units: m.units,
        risk: riskScore(components), components,
      }];
    });
    figures.sort((a, b) => b.annualSpend - a.annualSpend || a.categoryId.localeCompare(b.categoryId));
    return { window, figures };
  } finally {
    await db.exec(`DROP TABLE IF EXISTS ${quoteIdent(table)}`);
  }
}

/** Prepares the lines (filters applied), reads the figures and drops the lines again. */
export async function loadKraljicFigures(db: DbConnector, options: AnalysisOptions = {}): Promise<KraljicData> {
  const lines = await prepareAnalysisLines(db, options);
  try {
    return await kraljicFiguresIn(db, lines);
  } finally {
    await lines.close();
  }
}

export interface KraljicOptions {
  overrides?: ReadonlyMap<string, RiskLevel>;
  opportunities?: readonly Opportunity[];
  impactShare?: number;
  riskCut?: number;
}

/** The quadrants (pure): impact by the ABC cut, risk by the score or the person's override. */
export function buildKraljicMatrix(data: KraljicData, options: KraljicOptions = {}): KraljicMatrix {
  const impactShare = options.impactShare ?? KRALJIC_DEFAULTS.impactShare;
  const riskCut = options.riskCut ?? KRALJIC_DEFAULTS.riskCut;
  const figures = [...data.figures].sort((a, b) => b.annualSpend - a.annualSpend || a.categoryId.localeCompare(b.categoryId));
  const positive = figures.reduce((acc, f) => acc + Math.max(0, f.annualSpend), 0);
  const annualSpend = round(figures.reduce((acc, f) => acc + f.annualSpend, 0), 2);
  const opps = new Map<string, KraljicCategory['opportunities']>();
  for (const o of options.opportunities ?? []) {
    const list = opps.get(o.categoryId) ?? [];
    list.push({ id: o.id, kind: o.kind, rank: o.rank, savingsBase: o.savingsBase });
    opps.set(o.categoryId, list);
  }
  let run = 0;
  const counts: Record<KraljicQuadrant, number> = { strategic: 0, leverage: 0, bottleneck: 0, 'non-critical': 0 };
  let lowestHigh: number | null = null;
  let highestLow: number | null = null;
  const categories: KraljicCategory[] = [];
  for (const f of figures) {
    const spend = Math.max(0, f.annualSpend);
    // Largest first: high impact while the spend before this category is under the cut.
    const impact: KraljicCategory['impact'] = spend > 0 && run < impactShare * positive ? 'high' : 'low';
    run += spend;
    if (impact === 'high') lowestHigh = f.annualSpend;
    else if (highestLow === null && spend > 0) highestLow = f.annualSpend;
    const computedRisk: RiskLevel = f.risk >= riskCut ? 'high' : 'low';
    const override = options.overrides?.get(f.categoryId) ?? null;
    const riskLevel = override ?? computedRisk;
    const quadrant = quadrantOf(impact, riskLevel);
    counts[quadrant] += 1;
    const list = (opps.get(f.categoryId) ?? []).sort((a, b) => b.savingsBase - a.savingsBase || a.rank - b.rank);
    categories.push({ ...f, share: positive > 0 ? spend / positive : 0, impact, computedRisk, override, riskLevel, quadrant, opportunities: list });
  }
  const impactCut = lowestHigh !== null ? { high: lowestHigh, low: highestLow ?? 0 } : null;
  return { window: data.window, categories, annualSpend, impactCut, riskCut, counts };
}

/** Figures, saved overrides and quadrants in one call (the command line and tests). */
export async function loadKraljic(
  db: DbConnector,
  options: AnalysisOptions & Omit<KraljicOptions, 'overrides'> = {},
): Promise<KraljicMatrix> {
  const data = await loadKraljicFigures(db, options);
  return buildKraljicMatrix(data, { ...options, overrides: await loadKraljicOverrides(db) });
}
