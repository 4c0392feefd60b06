import type { Text } from '../analysis/opportunities/types.js';
import { sourcingOf, type CategoryTree, type Regime } from '../taxonomy/category-tree.js';
import { thresholdFor, type Threshold } from '../thresholds/thresholds.js';
import type { DatasetFigures } from './figures.js';

/**
 * Candidates for a joint tender in a purchasing community (indkøbsfællesskab): a level-2
 * category that several municipalities buy from the same suppliers, each below or near the EU
 * threshold on its own. Together they have the volume for a better price, and where the joint
 * value passes the threshold, a joint EU tender is the way to buy it. Rules (documented in
 * docs/compare.md; editable here):
 *   - at least two municipalities buy from at least one shared supplier in the category;
 *   - each of them spends at most `nearThreshold` (125 %) of the threshold a year in it
 *     (well above it, a municipality must tender on its own anyway);
 *   - together at least `minJointShare` (50 %) of the threshold;
 *   - only categories whose volume can be pooled (the tree's `sourcing` is `pooled`).
 * Each municipality enters with its latest data set.
 */

export const JOINT_TENDER_RULES = { nearThreshold: 1.25, minJointShare: 0.5 } as const;

export interface JointTenderParticipant {
  municipality: string;
  datasetKey: string;
  annualSpend: number;
  /** Of it, bought from the shared suppliers. */
  sharedSpend: number;
}

export interface JointTender {
  categoryId: string;
  name: Text;
  regime: Regime;
  threshold: number;
  thresholdEstimate: boolean;
  participants: JointTenderParticipant[];
  jointSpend: number;
  jointSharedSpend: number;
  /** Together above the threshold: a joint EU tender. */
  aboveThreshold: boolean;
  sharedSuppliers: { key: string; name: string | null; spend: number; municipalities: number }[];
}

/** The latest data set of each municipality (data sets are sorted by municipality, then period). */
export function latestPerMunicipality(figures: readonly DatasetFigures[]): DatasetFigures[] {
  const latest = new Map<string, DatasetFigures>();
  for (const f of figures) latest.set(f.dataset.municipality, f);
  return [...latest.values()];
}

export function jointTenders(figures: readonly DatasetFigures[], tree: CategoryTree, thresholds: readonly Threshold[]): JointTender[] {
  const members = latestPerMunicipality(figures).filter((f) => f.window);
  if (members.length < 2) return [];
  const lastDate = members.map((f) => f.window!.to).sort().at(-1)!;
  const out: JointTender[] = [];
  for (const category of tree.categories) {
    if (category.level !== 2 || !category.addressable || sourcingOf(category) !== 'pooled') continue;
    const th = thresholdFor(thresholds, category.regime, lastDate);
    if (!th) continue;
    const spendOf = (f: DatasetFigures) => f.supplierSpend.filter((s) => s.categoryId === category.id && s.spend > 0);
    const bySupplier = new Map<string, { name: string | null; spend: number; municipalities: Set<string> }>();
    for (const f of members) {
      for (const s of spendOf(f)) {
        const e = bySupplier.get(s.key) ?? { name: s.name, spend: 0, municipalities: new Set<string>() };
        e.spend += s.spend;
        e.municipalities.add(f.dataset.municipality);
        bySupplier.set(s.key, e);
      }
    }
    const shared = new Map([...bySupplier].filter(([, e]) => e.municipalities.size >= 2));
    if (!shared.size) continue;
    const participants = members
      .map((f): JointTenderParticipant => {
        const rows = spendOf(f);
        const sum = (list: typeof rows) => Math.round(list.reduce((a, s) => a + s.spend, 0) * 100) / 100;
        return { municipality: f.dataset.municipality, datasetKey: f.dataset.key, annualSpend: sum(rows), sharedSpend: sum(rows.filter((s) => shared.has(s.key))) };
      })
      .filter((p) => p.sharedSpend > 0);
    if (participants.length < 2 || participants.some((p) => p.annualSpend > JOINT_TENDER_RULES.nearThreshold * th.dkk)) continue;
    const jointSpend = participants.reduce((a, p) => a + p.annualSpend, 0);
    if (jointSpend < JOINT_TENDER_RULES.minJointShare * th.dkk) continue;
    out.push({
      categoryId: category.id,
      name: { ...category.name },
      regime: category.regime,
      threshold: th.dkk,
      thresholdEstimate: th.estimate,
      participants,
      jointSpend: Math.round(jointSpend * 100) / 100,
      jointSharedSpend: Math.round(participants.reduce((a, p) => a + p.sharedSpend, 0) * 100) / 100,
      aboveThreshold: jointSpend >= th.dkk,
      sharedSuppliers: [...shared]
        .map(([key, e]) => ({ key, name: e.name, spend: Math.round(e.spend * 100) / 100, municipalities: e.municipalities.size }))
        .sort((a, b) => b.spend - a.spend || a.key.localeCompare(b.key)),
    });
  }
  return out.sort((a, b) => b.jointSharedSpend - a.jointSharedSpend || a.categoryId.localeCompare(b.categoryId));
}
