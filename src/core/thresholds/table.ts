import type { DbConnector } from '../db/connector.js';
import { queryRows } from '../db/rows.js';
import { untilWritten } from '../db/write-count.js';
import { literal } from '../sql/escape.js';
import { SettingsError } from '../workspace/settings-error.js';
import { defaultThresholds, THRESHOLD_REGIMES, type Threshold, type ThresholdRegime, thresholdProblems } from './thresholds.js';

/**
 * The thresholds as a workspace table, so edits are saved with the analysis. Seeded from the
 * shipped thresholds.json the first time; after that the table is the truth.
 */
export const THRESHOLD_TABLE_SQL = `CREATE TABLE IF NOT EXISTS threshold (
  regime VARCHAR NOT NULL,
  valid_from DATE NOT NULL,
  valid_to DATE NOT NULL,
  eur DECIMAL(18,2) NOT NULL,
  dkk DECIMAL(18,2) NOT NULL,
  estimate BOOLEAN NOT NULL,
  source VARCHAR NOT NULL
)`;

function insertSql(list: readonly Threshold[]): string {
  const values = list.map(
    (t) => `(${literal(t.regime)}, ${literal(t.validFrom)}::DATE, ${literal(t.validTo)}::DATE, ${literal(t.eur)}, ${literal(t.dkk)}, ${literal(t.estimate)}, ${literal(t.source)})`,
  );
  return `INSERT INTO threshold VALUES ${values.join(', ')}`;
}

export async function ensureThresholdTable(db: DbConnector): Promise<void> {
  await db.exec(THRESHOLD_TABLE_SQL);
  const [row] = await queryRows(db, 'SELECT count(*) AS n FROM threshold');
  if (Number(row?.n ?? 0) === 0) await db.exec(insertSql(defaultThresholds()));
}

/** The table's rows, read again only after a write where the connector counts them (the app; see untilWritten). */
export async function loadThresholds(db: DbConnector): Promise<Threshold[]> {
  const rows = await untilWritten(db, 'thresholds', async () => {
    await ensureThresholdTable(db);
    return queryRows(db, 'SELECT regime, valid_from, valid_to, eur, dkk, estimate, source FROM threshold ORDER BY regime, valid_from');
  });
  return rows
    .filter((r) => (THRESHOLD_REGIMES as readonly string[]).includes(String(r.regime)))
    .map((r) => ({
      regime: String(r.regime) as ThresholdRegime,
      validFrom: String(r.valid_from),
      validTo: String(r.valid_to),
      eur: Number(r.eur),
      dkk: Number(r.dkk),
      estimate: r.estimate === true,
      source: String(r.source),
    }));
}

/** Replaces the whole table (the editing screen saves all rows at once); refuses an invalid table. */
export async function saveThresholds(db: DbConnector, list: readonly Threshold[]): Promise<void> {
  const problems = thresholdProblems(list);
  if (problems.length) throw new SettingsError('Invalid thresholds', problems);
  await db.exec(THRESHOLD_TABLE_SQL);
  await db.exec('DELETE FROM threshold');
  if (list.length) await db.exec(insertSql(list));
}

/** Back to the shipped table. */
export async function resetThresholds(db: DbConnector): Promise<void> {
  await saveThresholds(db, defaultThresholds());
}
