import { useEffect, useState } from 'react';
import { registerSW } from 'virtual:pwa-register';
import { useT } from '../app/app-context.js';

type Update = (reload?: boolean) => Promise<void>;
let registration: Promise<{ update: Update; listeners: Set<(u: Update) => void> }> | null = null;

/** Registers the service worker once per page (StrictMode runs effects twice). */
function register(onOfflineReady: () => void): typeof registration {
  registration ??= new Promise((resolve) => {
    const listeners = new Set<(u: Update) => void>();
    const update = registerSW({
      immediate: true,
      onNeedRefresh: () => listeners.forEach((l) => l(update)),
      onOfflineReady,
    });
    resolve({ update, listeners });
  });
  return registration;
}

/**
 * A new version is offered, never forced: the waiting service worker takes over only when a
 * person chooses "Opdatér nu" (after the autosave has written the last change), so an analysis in
 * progress is never reloaded under them. In `npm start` (dev) no service worker is registered.
 */
export function UpdatePrompt({ beforeUpdate }: { beforeUpdate: () => Promise<void> }) {
  const { t } = useT();
  const [update, setUpdate] = useState<Update | null>(null);
  const [offlineReady, setOfflineReady] = useState(false);
  useEffect(() => {
    if (import.meta.env.DEV) return;
    const listener = (u: Update) => setUpdate(() => u);
    const pending = register(() => setOfflineReady(true));
    void pending?.then((r) => r.listeners.add(listener));
    return () => void pending?.then((r) => r.listeners.delete(listener));
  }, []);
  if (update) {
    return (
      <div className="ws-note ws-update" role="status" data-testid="app-update">
        {t('ws.update')}{' '}
        <button type="button" onClick={() => void beforeUpdate().then(() => update(true))}>{t('ws.updateNow')}</button>{' '}
        <button type="button" onClick={() => setUpdate(null)}>{t('ws.updateLater')}</button>
      </div>
    );
  }
  return offlineReady ? <div className="ws-sr-only" role="status" data-testid="offline-ready">{t('ws.offlineReady')}</div> : null;
}
