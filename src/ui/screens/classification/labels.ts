import type { MatchKind, Method, RuleOrigin, Signal } from '../../../core/classify/index.js';
import type { MessageKey } from '../../i18n/messages.js';

/** Methods in the order of precedence, 'none' (no decision) last: the coverage chart's series. */
export const METHODS: readonly (Method | 'none')[] = ['manual', 'item_code', 'user_rule', 'supplier', 'account', 'keyword', 'supplier_profile', 'learned', 'none'];

export const METHOD_COLORS: Record<Method | 'none', string> = {
  manual: '#6a3d9a',
  item_code: '#1f78b4',
  user_rule: '#33a02c',
  supplier: '#b2df8a',
  account: '#a6cee3',
  keyword: '#2b6f9e',
  supplier_profile: '#8fb9a8',
  learned: '#fdbf6f',
  none: '#d9e0e7',
};

export const methodKey = (m: string): MessageKey => (METHODS.includes(m as Method) ? (`cls.method.${m}` as MessageKey) : 'cls.method.none');
export const signalKey = (s: Signal): MessageKey => `cls.signal.${s}` as MessageKey;
export const matchKey = (m: MatchKind): MessageKey => `cls.match.${m}` as MessageKey;
export const originKey = (o: RuleOrigin): MessageKey => `cls.origin.${o}` as MessageKey;

/** The match kinds a signal allows (item codes and arts are codes: exact or prefix). */
export function matchesFor(signal: Signal): MatchKind[] {
  if (signal === 'itemCode' || signal === 'account') return ['prefix', 'exact'];
  if (signal === 'supplier') return ['exact', 'prefix', 'contains'];
  if (signal === 'keyword') return ['word', 'contains', 'exact', 'prefix'];
  return ['exact', 'contains', 'word', 'prefix'];
}

/** spend_line text columns a column rule may read (the canonical, mapped columns). */
export const RULE_COLUMNS = [
  'description', 'unit', 'account', 'account_no', 'supplier_name', 'supplier_cvr', 'item_number', 'item_code', 'unit_ean', 'order_ref', 'document_id', 'municipality', 'file',
] as const;

/** The signals a person writes rules on, the everyday ones first. */
export const SIGNALS_FOR_EDITOR: readonly Signal[] = ['keyword', 'supplier', 'column', 'account', 'itemCode'];
