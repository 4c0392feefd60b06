// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../../src/ui/app/ErrorBoundary.js';
import { QueryError } from '../../../src/core/db/query-error.js';

function Boom({ error }: { error: Error }): never {
  throw error;
}

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('ErrorBoundary', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    vi.restoreAllMocks();
  });

  it('shows a readable Danish message with the failing SQL instead of a white page', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () => {
      root.render(
        <ErrorBoundary lang="da" resetKey="overview">
          <Boom error={new QueryError('Table spend_line does not exist', 'SELECT * FROM spend_line')} />
        </ErrorBoundary>,
      );
    });
    const panel = container.querySelector('[data-testid="error-panel"]');
    expect(panel?.textContent).toContain('Noget gik galt');
    // The engine's words and the SQL are behind the details, never the message itself.
    expect(panel?.querySelector('pre')?.textContent).toContain('Table spend_line does not exist');
    expect(panel?.querySelector('pre')?.textContent).toContain('SELECT * FROM spend_line');
    const shown = [...(panel?.children ?? [])].filter((c) => c.tagName !== 'DETAILS').map((c) => c.textContent).join(' ');
    expect(shown).not.toContain('spend_line');

    // Navigating elsewhere (a new reset key) clears the error.
    await act(async () => {
      root.render(
        <ErrorBoundary lang="en" resetKey="import">
          <p>fine</p>
        </ErrorBoundary>,
      );
    });
    expect(container.textContent).toBe('fine');
    root.unmount();
  });

  it('speaks English when the UI is in English', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const container = document.createElement('div');
    const root = createRoot(container);
    await act(async () => {
      root.render(
        <ErrorBoundary lang="en" resetKey="x">
          <Boom error={new Error('boom')} />
        </ErrorBoundary>,
      );
    });
    expect(container.textContent).toContain('Something went wrong');
    root.unmount();
  });

  it('says what to do when DuckDB runs out of memory, in Danish and English, the engine text behind the details', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const oom = new QueryError('Out of Memory Error: could not allocate block of size 256.0 KiB (3.1 GiB/3.1 GiB used)', 'SELECT 1');
    for (const [lang, words] of [['da', 'kommandolinjeværktøjet'], ['en', 'command line tool']] as const) {
      const container = document.createElement('div');
      const root = createRoot(container);
      await act(async () => {
        root.render(
          <ErrorBoundary lang={lang} resetKey="categories">
            <Boom error={oom} />
          </ErrorBoundary>,
        );
      });
      const message = container.querySelector('[data-testid="error-out-of-memory"]');
      expect(message?.textContent, lang).toContain(words);
      expect(message?.textContent, lang).toContain('--workspace');
      expect(message?.textContent, lang).not.toContain('GiB');
      expect(container.querySelector('pre')?.textContent, lang).toContain('Out of Memory Error');
      root.unmount();
    }
  });
});
