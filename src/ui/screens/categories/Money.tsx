import { formatKr, formatKrCompact } from '../../../core/format/format.js';
import { useT } from '../../app/app-context.js';

/** An amount in the compact form ("36,1 mio. kr.") with the exact kroner on hover, for narrow tables. */
export function Money({ value }: { value: number }) {
  const { lang } = useT();
  return <span title={formatKr(value, lang)}>{formatKrCompact(value, lang)}</span>;
}
