import type { DbConnector } from '../db/connector.js';

/**
 * The engine's scratch tables: every run, explanation and preview builds each before reading it.
 * Dropped when one ends, so memory, the workspace file and its autosave (every TEMP cls_* table is
 * saved) carry only what a later run reads: the lines' hashes and dictionary (cls_line, cls_dict, their meta), the full run's
 * word tables (cls_vt, cls_tok, cls_form), the categories and the learned model. At 1M lines a full
 * run left 2.7M rows of scratch; a rule edit replacing the full run's 700k-row cls_strong spent
 * ~180 ms of the browser's 1.0–1.2 s on dropping it.
 */
export const ENGINE_SCRATCH = [
  'cls_scope', 'cls_changed', 'cls_one', 'cls_dv', 'cls_hit', 'cls_best', 'cls_val', 'cls_line_s', 'cls_dict_g', 'cls_dict_add',
  'cls_s_vt', 'cls_s_tok', 'cls_s_form', 'cls_keep', 'cls_keep_ids', 'cls_keep_refined',
  'cls_strong', 'cls_strong_g', 'cls_conflict_g', 'cls_conflict', 'cls_overrule', 'cls_pl', 'cls_pl_c', 'cls_profile_keys',
  'cls_nb_doc', 'cls_nb_names', 'cls_nb_todo', 'cls_nb_x', 'cls_nb_da', 'cls_nb_du', 'cls_nb_dsc', 'cls_nb_ssc', 'cls_nb_cand',
  'cls_nb_z', 'cls_nb_res', 'cls_nb_upd',
  // The explanations' and previews' own (explain.ts).
  'cls_probe', 'cls_catch',
] as const;

/** Drops every table of ENGINE_SCRATCH that exists, in one batch. */
export async function dropEngineScratch(db: DbConnector): Promise<void> {
  await db.exec(ENGINE_SCRATCH.map((t) => `DROP TABLE IF EXISTS ${t}`).join(';\n'));
}
