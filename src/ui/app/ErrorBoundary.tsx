import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { Lang } from '../../core/state/url-state.js';
import { translate } from '../i18n/messages.js';

interface Props {
  lang: Lang;
  /** Changing it (e.g. on navigation) clears a shown error. */
  resetKey: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  resetKey: string;
}

/** Shows a readable message instead of a white page when a screen throws. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { lang } = this.props;
    const sql = (error as Error & { sql?: string }).sql;
    // The engine's own words (and a program error's) are for a bug report, behind the details; out of
    // memory is the one a person can act on, so it gets its own message.
    const outOfMemory = /out of memory/i.test(error.message);
    return (
      <div role="alert" className="error-panel" data-testid="error-panel">
        <h2>{translate(lang, 'error.title')}</h2>
        <p>{translate(lang, 'error.body')}</p>
        {outOfMemory && <p className="error-message" data-testid="error-out-of-memory">{translate(lang, 'error.outOfMemory')}</p>}
        <details>
          <summary>{translate(lang, 'error.details')}</summary>
          <pre>{`${error.message}\n\n`}{sql ? `${sql}\n\n` : ''}{error.stack}</pre>
        </details>
        <button type="button" onClick={() => this.setState({ error: null })}>
          {translate(lang, 'error.retry')}
        </button>
      </div>
    );
  }
}
