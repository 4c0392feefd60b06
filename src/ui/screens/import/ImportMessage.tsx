import { useT } from '../../app/app-context.js';
import type { Described } from '../../import/describe-error.js';

/**
 * A message about a file, for people; the technical detail (engine words, SQL) only behind
 * "Detaljer". Text from files is rendered as text (React escapes it), never as HTML.
 */
export function ImportMessage({ message, testId = 'import-message' }: { message: Described; testId?: string }) {
  const { t } = useT();
  return (
    <div role={message.note ? 'status' : 'alert'} className={message.note ? 'note-message' : 'error-message'} data-testid={testId}>
      <p className="message-text">{message.message}</p>
      {message.detail && (
        <details>
          <summary>{t('problem.details')}</summary>
          <pre className="detail-text">{message.detail}</pre>
        </details>
      )}
    </div>
  );
}
