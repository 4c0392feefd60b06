import { formatReasonOf } from '../../core/import/format-error.js';
import { ImportProblem } from '../../core/import/import-problem.js';
import type { Lang } from '../../core/state/url-state.js';
import { translate, type MessageKey } from '../i18n/messages.js';

/** A message for people, and the technical detail behind "Detaljer" (never the message itself). */
export interface Described {
  message: string;
  detail?: string;
  /** A note (the import was cancelled), not a problem: shown without the alarm. */
  note?: boolean;
}

export function problemText(lang: Lang, problem: ImportProblem): string {
  return translate(lang, `problem.${problem.code}` as MessageKey, { file: problem.file, ...problem.params });
}

/** Parser errors written for people: a reason said in the person's language (format-error.ts), else their Danish message. */
const HUMAN_ERRORS = new Set(['XlsxFormatError', 'ParquetFormatError', 'UblFormatError']);

/**
 * Why importing `file` failed, in the user's language. Engine errors and SQL never become the
 * message: the person reads that nothing changed, and the detail is there for a bug report.
 */
export function describeError(lang: Lang, error: unknown, file: string): Described {
  if (error instanceof ImportProblem) return { message: problemText(lang, error), detail: error.detail };
  const e = error instanceof Error ? error : new Error(String(error));
  if (HUMAN_ERRORS.has(e.name)) {
    const reason = formatReasonOf(e);
    const message = reason
      ? translate(lang, `format.${reason.code}`, { file, ...reason.params })
      : lang === 'da' ? `${file}: ${e.message}` : translate(lang, 'problem.xlsx_invalid', { file, reason: e.message });
    // An invoice file names itself in its reason ("faktura.xml: faktura.xml er ikke …"): once is enough.
    return { message: message.startsWith(`${file}: ${file} `) ? message.slice(file.length + 2) : message, detail: e.stack };
  }
  const sql = (e as Error & { sql?: string }).sql;
  return { message: translate(lang, 'problem.import_failed', { file }), detail: [e.message, sql].filter(Boolean).join('\n\n') };
}
