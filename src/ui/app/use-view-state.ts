import { useCallback, useSyncExternalStore } from 'react';
import { formatHash, parseHash, type ViewState } from '../../core/state/url-state.js';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

/** The view state is the URL hash: reading parses it, writing navigates (so Back works). */
export function useViewState(): [ViewState, (next: ViewState) => void] {
  const hash = useSyncExternalStore(subscribe, getHash, () => '');
  const view = parseHash(hash);
  const setView = useCallback((next: ViewState) => {
    const target = formatHash(next);
    if (target !== window.location.hash) window.location.hash = target;
  }, []);
  return [view, setView];
}
