import { useEffect, useRef, useState } from 'react';
import './workspace.css';
import { formatKrCompact, formatNumber } from '../../core/format/format.js';
import type { Lang } from '../../core/state/url-state.js';
import { WorkspaceFileError } from '../../core/workspace/file/index.js';
import { useT } from '../app/app-context.js';
import type { MessageKey } from '../i18n/messages.js';
import type { Workspace, WorkspaceNote } from './use-workspace.js';

const when = (iso: string, lang: Lang) =>
  new Date(iso).toLocaleString(lang === 'da' ? 'da-DK' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const size = (bytes: number, lang: Lang) => `${formatNumber(bytes / 1_048_576, lang, 1)} MB`;

/** The storage this origin uses and whether the browser promised to keep it. */
function useStorageInfo(refresh: unknown): { used: number; quota: number; persisted: boolean } | null {
  const [info, setInfo] = useState<{ used: number; quota: number; persisted: boolean } | null>(null);
  useEffect(() => {
    if (!navigator.storage?.estimate) return;
    let live = true;
    void Promise.all([navigator.storage.estimate(), navigator.storage.persisted?.() ?? Promise.resolve(false)]).then(([e, persisted]) => {
      if (live) setInfo({ used: e.usage ?? 0, quota: e.quota ?? 0, persisted });
    });
    return () => {
      live = false;
    };
  }, [refresh]);
  return info;
}

function NoteText({ note }: { note: WorkspaceNote }) {
  const { t, lang } = useT();
  switch (note.kind) {
    case 'restored':
      return <>{t('ws.restored', { when: when(note.when, lang) })}</>;
    case 'opened': {
      const m = note.manifest;
      const summary = m.summary as { totals?: { spend?: number }; opportunities?: unknown[] } | undefined;
      return (
        <>
          {t('ws.opened', { name: note.name, when: when(note.when, lang) })}
          {!m.lines.included && (
            <span className="ws-omitted" data-testid="workspace-lines-omitted">
              {' '}
              {t('ws.linesOmitted', {
                lines: formatNumber(m.lines.count, lang),
                spend: formatKrCompact(summary?.totals?.spend ?? Number(m.totals.amount), lang),
                opportunities: summary?.opportunities?.length ?? 0,
              })}
            </span>
          )}
        </>
      );
    }
    case 'saved':
      return <>{t('ws.saved', { name: note.name, size: size(note.bytes, lang) })}</>;
    case 'cleared':
      return <>{t('ws.cleared')}</>;
    case 'error': {
      if (note.restoring) return <>{t('ws.error.restore')}</>;
      const e = note.error;
      if (e instanceof WorkspaceFileError) return <>{t(`ws.error.${e.problem}` as MessageKey, { version: e.params.version ?? '?', app: e.params.app ?? '?' })}</>;
      return <>{t('ws.error.failed', { reason: e.message.split('\n')[0] ?? '' })}</>;
    }
  }
}

/** Save, open and erase the analysis (header), the note about what just happened, and what is stored. */
export function WorkspaceMenu({ ws }: { ws: Workspace }) {
  const { t, lang } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const storage = useStorageInfo(`${ws.autosaved?.savedAt}|${ws.note?.kind}`);
  const disabled = !ws.ready || ws.busy !== null;
  return (
    <div className="ws-menu" data-testid="workspace-menu">
      <button type="button" data-testid="workspace-save" title={t('ws.saveTitle')} disabled={disabled} onClick={() => void ws.save()}>
        {ws.busy === 'saving' ? t('ws.saving') : t('ws.save')}
      </button>
      <label className={`ws-open${disabled ? ' disabled' : ''}`} title={t('ws.openTitle')}>
        {ws.busy === 'opening' ? t('ws.opening') : t('ws.open')}
        <input
          type="file"
          accept=".overblik,application/zip"
          data-testid="workspace-open"
          disabled={disabled}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void ws.open(file);
          }}
        />
      </label>
      <button type="button" className="ws-clear" data-testid="workspace-clear" disabled={disabled} onClick={() => dialog.current?.showModal()}>
        {t('ws.clear')}
      </button>
      <details className="ws-info">
        <summary>{t('ws.storageButton')}</summary>
        <div className="ws-info-body" data-testid="workspace-storage">
          <p>{t('ws.whatStored')}</p>
          {storage && (
            <p>
              {storage.quota ? t('ws.storageQuota', { used: size(storage.used, lang), quota: size(storage.quota, lang) }) : t('ws.storage', { used: size(storage.used, lang) })}
              {' – '}
              {storage.persisted ? t('ws.persisted') : t('ws.notPersisted')}
            </p>
          )}
          {ws.autosaved && (
            <p data-testid="workspace-autosaved" data-ms={Math.round(ws.autosaved.ms)} data-bytes={ws.autosaved.bytesWritten}>
              {t('ws.autosaved', { when: when(ws.autosaved.savedAt, lang) })}
            </p>
          )}
        </div>
      </details>
      <dialog ref={dialog} className="ws-dialog" aria-labelledby="ws-clear-title">
        <h2 id="ws-clear-title">{t('ws.clearTitle')}</h2>
        <p>{t('ws.clearText')}</p>
        <div className="ws-dialog-actions">
          <button type="button" onClick={() => dialog.current?.close()}>{t('ws.cancel')}</button>
          <button
            type="button"
            className="danger"
            data-testid="workspace-clear-confirm"
            onClick={() => {
              dialog.current?.close();
              void ws.clear();
            }}
          >
            {t('ws.clearConfirm')}
          </button>
        </div>
      </dialog>
    </div>
  );
}

/** One line under the header: what the workspace just did (restored, opened, saved, refused). */
export function WorkspaceNoteBar({ ws }: { ws: Workspace }) {
  if (!ws.note) return null;
  const error = ws.note.kind === 'error';
  return (
    <div className={`ws-note${error ? ' ws-note-error' : ''}`} role={error ? 'alert' : 'status'} data-testid={error ? 'workspace-error' : 'workspace-note'} data-kind={ws.note.kind} data-ms={ws.lastMs ?? undefined}>
      <NoteText note={ws.note} />
    </div>
  );
}
