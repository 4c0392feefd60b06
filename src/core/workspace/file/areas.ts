import { z } from 'zod';
import type { DbConnector } from '../../db/connector.js';
import { queryRows, type Row } from '../../db/rows.js';
import { quoteIdent } from '../../sql/escape.js';
import { SCREENS, SOURCES } from '../../state/url-state.js';

/**
 * The configuration areas of an analysis, one zod schema each, merged into the manifest's `config`.
 *
 * Areas kept in DuckDB tables (rules, switched-off built-ins, merges, the tree, thresholds,
 * settings, Kraljic overrides, agreement mappings) travel as tables, which are what an open
 * restores; here they are also written out readably, so a person (or another tool) can see what
 * the analysis was configured with without opening it. Areas that live outside the database (the
 * mapping memory, the filters) are given by the caller and restored from here.
 */
const text = z.string();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const viewArea = z.object({
  screen: z.enum(SCREENS),
  filters: z.object({
    from: isoDate.nullable(),
    to: isoDate.nullable(),
    unit: text.nullable(),
    category: text.nullable(),
    source: z.enum(SOURCES).nullable(),
  }),
});

/** Header signature → the confirmed column mapping and the file's role. */
export const mappingsArea = z.record(text, z.object({ mapping: z.record(text, text), role: z.enum(['invoice', 'ecommerce', 'contracts']) }));

const ruleShape = z.looseObject({ id: text, signal: text, pattern: text, categoryId: text, enabled: z.boolean() });

export const configSchema = z.object({
  rules: z.array(ruleShape),
  builtinRulesOff: z.array(text),
  merges: z.array(z.object({ from: text, to: text, status: text, decidedAt: text.nullable() })),
  categoryTree: z.looseObject({ categories: z.array(z.looseObject({ id: text })) }).nullable(),
  thresholds: z.array(z.looseObject({ regime: text, valid_from: text, valid_to: text })),
  opportunitySettings: z.record(text, text),
  kraljicOverrides: z.record(text, text),
  agreementMappings: z.array(z.record(text, z.unknown())),
  mappings: mappingsArea,
  view: viewArea.nullable(),
});

export type WorkspaceConfig = z.infer<typeof configSchema>;
export type ViewArea = z.infer<typeof viewArea>;
export type MappingsArea = z.infer<typeof mappingsArea>;

/** What only the caller knows (browser state outside the database). */
export interface ClientConfig {
  mappings?: MappingsArea;
  view?: ViewArea | null;
}

async function rowsIfTable(db: DbConnector, tables: ReadonlySet<string>, table: string, select = '*', tail = ''): Promise<Row[]> {
  if (!tables.has(table)) return [];
  return queryRows(db, `SELECT ${select} FROM ${quoteIdent(table)} ${tail}`);
}

function jsonCell(rows: Row[]): unknown {
  return rows[0] ? JSON.parse(String(rows[0].json)) : null;
}

/** Exact decimals as text ("0.100000"), so no area loses a digit on the way through JSON. */
const exact = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** Reads every area (without creating any table: saving never changes the analysis). */
export async function describeConfig(db: DbConnector, tables: ReadonlySet<string>, client: ClientConfig): Promise<WorkspaceConfig> {
  const rules = jsonCell(await rowsIfTable(db, tables, 'user_rules', 'json', 'LIMIT 1')) as { rules?: unknown[] } | null;
  const off = await rowsIfTable(db, tables, 'builtin_rule_off', 'DISTINCT rule_id', 'ORDER BY 1');
  const merges = await rowsIfTable(db, tables, 'supplier_merge', 'from_key, to_key, status, decided_at::VARCHAR AS decided_at', "WHERE status <> 'proposed' ORDER BY 1, 2");
  const thresholds = await rowsIfTable(db, tables, 'threshold', '* REPLACE (valid_from::VARCHAR AS valid_from, valid_to::VARCHAR AS valid_to, eur::VARCHAR AS eur, dkk::VARCHAR AS dkk)', 'ORDER BY regime, valid_from');
  const settings = await rowsIfTable(db, tables, 'opportunity_settings', 'key, value::VARCHAR AS value', 'ORDER BY key');
  const kraljic = await rowsIfTable(db, tables, 'kraljic_risk_override', 'category_id, risk', 'ORDER BY 1');
  const agreements = await rowsIfTable(db, tables, 'contract_category', 'COLUMNS(*)::VARCHAR');
  return configSchema.parse({
    rules: rules?.rules ?? [],
    builtinRulesOff: off.map((r) => String(r.rule_id)),
    merges: merges.map((r) => ({ from: String(r.from_key), to: String(r.to_key), status: String(r.status), decidedAt: r.decided_at === null ? null : String(r.decided_at) })),
    categoryTree: jsonCell(await rowsIfTable(db, tables, 'category_tree', 'json', 'LIMIT 1')),
    thresholds,
    opportunitySettings: Object.fromEntries(settings.map((r) => [String(r.key), exact(r.value)])),
    kraljicOverrides: Object.fromEntries(kraljic.map((r) => [String(r.category_id), String(r.risk)])),
    agreementMappings: agreements,
    mappings: client.mappings ?? {},
    view: client.view ?? null,
  });
}
