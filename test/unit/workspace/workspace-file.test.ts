import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNativeDb } from '../../../src/cli/db/native-connector.js';
import { openNodeWasmDb } from '../../../src/cli/db/wasm-node-connector.js';
import { loadKpis } from '../../../src/core/analysis/kpis.js';
import { findOpportunities } from '../../../src/core/analysis/opportunities/index.js';
import { saveKraljicOverride } from '../../../src/core/analysis/opportunities/kraljic-overrides.js';
import { loadOpportunitySettings, saveOpportunitySettings } from '../../../src/core/analysis/opportunities/settings.js';
import type { DbConnector } from '../../../src/core/db/connector.js';
import { queryRows } from '../../../src/core/db/rows.js';
import { loadDemo } from '../../../src/core/demo/load-demo.js';
import { setAgreementCategories } from '../../../src/core/agreements/manual.js';
import { agreementKeySql } from '../../../src/core/agreements/schema.js';
import { saveFileLabels } from '../../../src/core/compare/dataset-labels.js';
import { editRules, setBuiltinRuleEnabled } from '../../../src/core/review/rule-edits.js';
import { EMPTY_FILTERS } from '../../../src/core/state/url-state.js';
import { acceptMerge, listMergeProposals } from '../../../src/core/suppliers/merge.js';
import { loadThresholds, saveThresholds } from '../../../src/core/thresholds/table.js';
import { builtinRules, type Rule } from '../../../src/core/classify/index.js';
import { renameCategory } from '../../../src/core/taxonomy/tree-edits.js';
import { refreshAnalysis } from '../../../src/core/workspace/refresh.js';
import { editWorkspaceTree, loadWorkspaceTree } from '../../../src/core/workspace/tree-store.js';
import { tableSignatures, workspaceTables } from '../../../src/core/workspace/file/catalog.js';
import {
  MANIFEST_PATH, packWorkspace, readManifest, restoreWorkspace, snapshotWorkspace, unpackWorkspace, WorkspaceFileError,
  type WorkspaceManifest,
} from '../../../src/core/workspace/file/index.js';

const CLIENT = {
  mappings: { 'leverandør|beløb': { mapping: { supplierName: 'Leverandør', amount: 'Beløb' }, role: 'invoice' as const } },
  view: { screen: 'opportunities' as const, filters: { ...EMPTY_FILTERS, from: '2024-01-01' } },
};

/** Every table's content signature, keyed by name (engine tables included). */
async function signatures(db: DbConnector): Promise<Map<string, string>> {
  return tableSignatures(db, await workspaceTables(db));
}

/** What the screens show: KPIs, every line's classification, the ranked opportunities, exact sums. */
async function screens(db: DbConnector) {
  const tree = await loadWorkspaceTree(db);
  return {
    kpis: await loadKpis(db, EMPTY_FILTERS, undefined, tree),
    classification: await queryRows(db, 'SELECT * FROM classification ORDER BY line_id'),
    opportunities: (await findOpportunities(db, { tree })).opportunities,
    exact: await queryRows(db, 'SELECT sum(amount)::VARCHAR AS a, sum(quantity)::VARCHAR AS q, sum(unit_price)::VARCHAR AS p, min(document_date)::VARCHAR AS d, count(*) FILTER (WHERE counted) AS c FROM spend_line'),
    types: await queryRows(db, "SELECT table_name, column_name, data_type, is_nullable, column_default FROM duckdb_columns() WHERE NOT starts_with(table_name, 'cls_') AND database_name = current_database() ORDER BY ALL"),
  };
}

const userRule: Rule = { id: 'u-printer', signal: 'keyword', pattern: 'printer', match: 'word', categoryId: 'office.print', priority: 0, origin: 'user', enabled: true };

/** One change of each kind a person makes, on the 5,000-line demo. */
async function makeChanges(db: DbConnector): Promise<void> {
  const [proposal] = await listMergeProposals(db, 'proposed');
  await acceptMerge(db, proposal!.fromKey, proposal!.toKey);
  const tree = await editWorkspaceTree(db, (t) => renameCategory(t, 'office.paper', { da: 'Papir og karton', en: 'Paper and board' }));
  await editRules(db, (current) => ({ next: [...current, userRule], changed: [userRule] }), { tree });
  const off = builtinRules(tree).find((r) => r.signal === 'keyword')!;
  await setBuiltinRuleEnabled(db, off.id, false, { tree });
  const thresholds = await loadThresholds(db);
  await saveThresholds(db, thresholds.map((t, i) => (i === 0 ? { ...t, dkk: t.dkk + 1000.25 } : t)));
  await saveKraljicOverride(db, 'facility.cleaning', 'high');
  const settings = await loadOpportunitySettings(db);
  await saveOpportunitySettings(db, { ...settings, rates: { ...settings.rates, base: 0.125 } });
  // An agreement's categories chosen by a person, and a data set's label and inhabitants.
  const [agreement] = await queryRows(db, `SELECT ${agreementKeySql('a')} AS k FROM contract a ORDER BY k LIMIT 1`);
  await setAgreementCategories(db, String(agreement!.k), ['office.paper', 'office.supplies'], tree);
  const [file] = await queryRows(db, `SELECT min(file_id) AS id FROM import_file WHERE source_kind <> 'contracts'`);
  await saveFileLabels(db, [{ fileId: Number(file!.id), municipality: 'Prøvekommune', period: '2024–2025', inhabitants: 12_345 }]);
}

describe('workspace file (.overblik) on Demo Kommune, Node-WASM', () => {
  let db: DbConnector;
  let file: Uint8Array;
  let manifest: WorkspaceManifest;
  let copy: DbConnector;

  beforeAll(async () => {
    db = await openNodeWasmDb();
    await loadDemo(db, 5000);
    await refreshAnalysis(db);
    await makeChanges(db);
    const snapshot = await snapshotWorkspace(db, { appVersion: 'test', client: CLIENT, rowsPerPart: 2000 });
    manifest = snapshot.manifest;
    file = packWorkspace(snapshot);
    copy = await openNodeWasmDb();
  });
  afterAll(async () => {
    await db?.close();
    await copy?.close();
  });

  it('writes a ZIP with a manifest naming every table, the files, totals and each configuration area', () => {
    const names = manifest.tables.map((t) => t.name);
    for (const t of ['spend_line', 'classification', 'import_file', 'import_reject', 'contract', 'supplier', 'supplier_merge', 'user_rules', 'builtin_rule_off', 'category_tree', 'threshold', 'opportunity_settings', 'kraljic_risk_override', 'rule', 'agreement_category_manual', 'dataset_label']) {
      expect(names).toContain(t);
    }
    // The engine's working tables (learned model, line table, dictionary) travel as TEMP tables.
    expect(manifest.tables.filter((t) => t.temporary).map((t) => t.name)).toEqual(expect.arrayContaining(['cls_line', 'cls_dict', 'cls_nb_class']));
    expect(manifest.tables.find((t) => t.name === 'spend_line')!.parts.length).toBeGreaterThan(1);
    expect(manifest.files.map((f) => f.name)).toEqual(expect.arrayContaining([expect.stringMatching(/\.csv$/)]));
    expect(manifest.files.every((f) => f.size! > 0 && f.hash)).toBe(true);
    expect(manifest.totals.lines).toBeGreaterThan(4000);
    expect(manifest.config.rules.map((r) => r.id)).toEqual(['u-printer']);
    expect(manifest.config.builtinRulesOff).toHaveLength(1);
    expect(manifest.config.merges.filter((m) => m.status === 'accepted')).toHaveLength(1);
    expect(manifest.config.categoryTree!.categories.find((c) => c.id === 'office.paper')).toMatchObject({ name: { da: 'Papir og karton' } });
    expect(manifest.config.kraljicOverrides).toEqual({ 'facility.cleaning': 'high' });
    expect(manifest.config.opportunitySettings['rates.base']).toBe('0.125000');
    expect(manifest.config.mappings).toEqual(CLIENT.mappings);
    expect(manifest.config.view).toEqual(CLIENT.view);
    const entries = Object.keys(unzipSync(file));
    expect(entries).toContain(MANIFEST_PATH);
    expect(entries.filter((e) => e.endsWith('.arrows')).length).toBe(manifest.tables.reduce((s, t) => s + t.parts.length, 0));
  });

  it('opens into another database with identical tables, KPIs, classifications and opportunities (DECIMAL, dates, nulls exact)', async () => {
    const opened = unpackWorkspace(file);
    expect(opened.manifest).toEqual(manifest);
    await restoreWorkspace(copy, opened.manifest, opened.readPart);
    expect(await signatures(copy)).toEqual(await signatures(db));
    expect(await screens(copy)).toEqual(await screens(db));
    const kept = (d: DbConnector) => queryRows(d, `SELECT agreement_key, category_id FROM agreement_category_manual ORDER BY ALL`);
    expect(await kept(copy)).toHaveLength(2);
    expect(await kept(copy)).toEqual(await kept(db));
    const label = (d: DbConnector) => queryRows(d, `SELECT municipality, period, inhabitants::INTEGER AS inhabitants FROM dataset_label WHERE municipality = 'Prøvekommune'`);
    expect(await label(copy)).toEqual([{ municipality: 'Prøvekommune', period: '2024–2025', inhabitants: 12345 }]);
  });

  it('the next rule edit after opening stays incremental and decides exactly as without saving', async () => {
    const next: Rule = { ...userRule, id: 'u-kaffe', pattern: 'kaffe', categoryId: 'food.beverages' };
    const edit = (d: DbConnector) => loadWorkspaceTree(d).then((tree) => editRules(d, (current) => ({ next: [...current, next], changed: [next] }), { tree }));
    const [a, b] = [await edit(db), await edit(copy)];
    expect(b.incremental).toBe(true);
    expect(a.incremental).toBe(true);
    expect(await queryRows(copy, 'SELECT * FROM classification ORDER BY line_id')).toEqual(await queryRows(db, 'SELECT * FROM classification ORDER BY line_id'));
  });

  it('an autosave that pauses before each statement hashes big tables in ranges to the same signatures, and opens to the same tables', async () => {
    const statements: string[] = [];
    let pauses = 0;
    let since = 0;
    const counted: DbConnector = {
      ...db,
      query: (sql, o) => (statements.push(sql), (since += readsRows(sql)), db.query(sql, o)),
      exportArrow: (sql, o) => (statements.push(sql), (since += readsRows(sql)), db.exportArrow(sql, o)),
    };
    // The catalog's own queries (duckdb_tables() ...) are metadata; a statement reading a table's rows names it quoted.
    const readsRows = (sql: string) => (/FROM "/.test(sql) ? 1 : 0);
    // A reader yielding to the screens: at most two row-reading statements between pauses (a table's part counts, then its first part).
    const pause = async () => {
      expect(since).toBeLessThanOrEqual(2);
      since = 0;
      pauses++;
    };
    const defs = await workspaceTables(db);
    const ranged = await tableSignatures(counted, defs, { pause, chunkRows: 700 });
    expect(ranged).toEqual(await signatures(db));
    expect(statements.filter((q) => q.includes('"spend_line" t WHERE rowid >=')).length).toBeGreaterThan(5);
    const snapshot = await snapshotWorkspace(counted, { appVersion: 'test', client: CLIENT, signatures: ranged, pause, rowsPerPart: 700 });
    expect(pauses).toBeGreaterThan(20);
    expect(snapshot.manifest.tables.find((t) => t.name === 'spend_line')!.parts.length).toBeGreaterThan(5);
    const other = await openNodeWasmDb();
    try {
      const opened = unpackWorkspace(packWorkspace(snapshot));
      await restoreWorkspace(other, opened.manifest, opened.readPart);
      expect(await signatures(other)).toEqual(await signatures(db));
    } finally {
      await other.close();
    }
    // A pause that gives up stops the snapshot there.
    const stop = new Error('stepped aside');
    let left = 3;
    const giveUp = async () => {
      if (--left < 0) throw stop;
    };
    await expect(snapshotWorkspace(db, { appVersion: 'test', pause: giveUp, rowsPerPart: 700 })).rejects.toBe(stop);
  });

  it('refuses foreign, damaged, newer and too old files with a reason, without touching the open analysis', async () => {
    const before = await signatures(copy);
    const entries = unzipSync(file);
    const manifestText = new TextDecoder().decode(entries[MANIFEST_PATH]);
    const withManifest = (m: unknown) => zipSync({ ...entries, [MANIFEST_PATH]: strToU8(JSON.stringify(m)) });
    const firstPart = manifest.tables.find((t) => t.name === 'spend_line')!.parts[0]!.path;
    const altered = entries[firstPart]!.slice();
    altered[altered.length - 20]! ^= 0xff;
    const cases: [string, Uint8Array, string][] = [
      ['a text file', strToU8('leverandør;beløb\nA;1\n'), 'notWorkspace'],
      ['another program’s ZIP', zipSync({ 'word/document.xml': strToU8('<w/>') }), 'notWorkspace'],
      ['a manifest of another format', withManifest({ format: 'something-else', formatVersion: 1 }), 'notWorkspace'],
      ['a newer format', withManifest({ ...JSON.parse(manifestText), formatVersion: 99 }), 'newer'],
      ['a format older than supported', withManifest({ ...JSON.parse(manifestText), formatVersion: 0 }), 'older'],
      ['a manifest missing its tables', withManifest({ ...JSON.parse(manifestText), tables: undefined }), 'damaged'],
      ['a file cut short', file.slice(0, Math.floor(file.length / 2)), 'damaged'],
      ['an altered table', zipSync({ ...entries, [firstPart]: altered }), 'damaged'],
      ['a missing table part', zipSync(Object.fromEntries(Object.entries(entries).filter(([k]) => k !== firstPart))), 'damaged'],
    ];
    for (const [what, bytes, problem] of cases) {
      const error = await (async () => {
        const opened = unpackWorkspace(bytes);
        await restoreWorkspace(copy, opened.manifest, opened.readPart);
      })().catch((e: unknown) => e);
      expect(error, what).toBeInstanceOf(WorkspaceFileError);
      expect((error as WorkspaceFileError).problem, what).toBe(problem);
      expect(await signatures(copy), what).toEqual(before);
    }
  });

  it('migrates an older format step by step when a migration exists', () => {
    const v1 = JSON.parse(JSON.stringify(manifest)) as Record<string, unknown>;
    const { config, ...rest } = v1;
    // A made-up version 0 that called the configuration "settings": its migration renames it.
    const v0 = { ...rest, formatVersion: 0, settings: config };
    const migrated = readManifest(JSON.stringify(v0), {
      oldest: 0,
      migrations: { 0: ({ settings, ...m }) => ({ ...m, config: settings }) },
    });
    expect(migrated).toEqual(manifest);
    expect(() => readManifest(JSON.stringify(v0))).toThrow(WorkspaceFileError);
  });
});

describe('workspace file on native DuckDB (the command line) and across runtimes', () => {
  let native: DbConnector;
  let wasm: DbConnector;
  beforeAll(async () => {
    native = await openNativeDb();
    wasm = await openNodeWasmDb();
    await loadDemo(native, 2000);
    await refreshAnalysis(native);
    await makeChanges(native);
  });
  afterAll(async () => {
    await native?.close();
    await wasm?.close();
  });

  it('native → file → Node-WASM and back → native: same tables, same exact figures', async () => {
    const fromNative = unpackWorkspace(packWorkspace(await snapshotWorkspace(native, { appVersion: 'test', rowsPerPart: 700 })));
    expect(fromNative.manifest.runtime).toBe('native');
    await restoreWorkspace(wasm, fromNative.manifest, fromNative.readPart);
    expect(await signatures(wasm)).toEqual(await signatures(native));
    expect(await screens(wasm)).toEqual(await screens(native));
    const back = await openNativeDb();
    try {
      const fromWasm = unpackWorkspace(packWorkspace(await snapshotWorkspace(wasm, { appVersion: 'test' })));
      await restoreWorkspace(back, fromWasm.manifest, fromWasm.readPart);
      expect(await signatures(back)).toEqual(await signatures(native));
      expect(await screens(back)).toEqual(await screens(native));
    } finally {
      await back.close();
    }
  });
  it('above the line limit the command line leaves the line tables out and carries its totals and findings', async () => {
    const summary = { totals: { spend: 123.45, lines: 2000 }, opportunities: [{ categoryId: 'office.paper' }] };
    const snapshot = await snapshotWorkspace(native, { appVersion: 'test', lineLimit: 100, summary });
    const names = snapshot.manifest.tables.map((t) => t.name);
    expect(snapshot.manifest.lines).toEqual({ included: false, count: snapshot.manifest.totals.lines });
    expect(names).not.toContain('spend_line');
    expect(names).not.toContain('classification');
    expect(snapshot.manifest.tables.some((t) => t.temporary)).toBe(false);
    expect(names).toEqual(expect.arrayContaining(['import_file', 'supplier', 'user_rules', 'threshold']));
    const opened = unpackWorkspace(packWorkspace(snapshot));
    expect(opened.manifest.summary).toEqual(summary);
    const target = await openNodeWasmDb();
    try {
      await restoreWorkspace(target, opened.manifest, opened.readPart);
      expect(Number((await queryRows(target, 'SELECT count(*) AS n FROM import_file'))[0]!.n)).toBeGreaterThan(0);
    } finally {
      await target.close();
    }
  });
});
