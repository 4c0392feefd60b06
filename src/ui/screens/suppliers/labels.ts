import type { CvrStatus } from '../../../core/suppliers/tables.js';
import type { MessageKey } from '../../i18n/messages.js';

export const CVR_STATUS: Record<CvrStatus, MessageKey> = {
  valid: 'sup.statusValid',
  invalid: 'sup.statusInvalid',
  missing: 'sup.statusMissing',
};

const REASONS: Record<string, MessageKey> = {
  'same-name': 'sup.reasonSameName',
  'name-prefix': 'sup.reasonPrefix',
  'similar-spelling': 'sup.reasonSimilar',
  manual: 'sup.reasonManual',
};

/** The message for a merge proposal's reason; an unknown reason is shown as it is. */
export function reasonKey(reason: string): MessageKey | null {
  return REASONS[reason] ?? null;
}
