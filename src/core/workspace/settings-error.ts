/**
 * A problem with settings a person edited (rates, rules, thresholds), in both languages, so the
 * screen can show it beside the field and the command line can print it.
 */
export interface SettingProblem {
  /** The field it is about, e.g. `rates.base` or `3.dkk` (row 3 of a table). */
  field: string;
  da: string;
  en: string;
}

/** Thrown by a save that refuses invalid settings; nothing was written. */
export class SettingsError extends Error {
  readonly problems: SettingProblem[];
  constructor(what: string, problems: SettingProblem[]) {
    super(`${what}: ${problems.map((p) => `${p.field} ${p.en}`).join('; ')}`);
    this.name = 'SettingsError';
    this.problems = problems;
  }
}
