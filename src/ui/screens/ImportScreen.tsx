import { useState, type DragEvent } from 'react';
import { inTransaction } from '../../core/db/transaction.js';
import { startOver as startNewAnalysis } from '../../core/workspace/start-over.js';
import { useApp, useT } from '../app/app-context.js';
import { BuildProgressView } from '../app/BuildProgressView.js';
import { useDemoLoader } from '../app/use-demo-loader.js';
import { ImportMessage } from './import/ImportMessage.js';
import { ImportReportView } from './import/ImportReportView.js';
import { MappingPanel, mappingProblems } from './import/MappingPanel.js';
import { useImportFlow } from './import/use-import-flow.js';

export function ImportScreen() {
  const { t } = useT();
  const { db, view, setView, building, runBuild } = useApp();
  const { step, setStep, messages, setMessages, plan, changeSheet, confirm } = useImportFlow();
  const [dragging, setDragging] = useState(false);
  const demo = useDemoLoader(() => setView({ ...view, screen: 'overview' }));

  const startOver = async () => {
    if (!db) return;
    setMessages([]);
    await runBuild(() => inTransaction(db, () => startNewAnalysis(db)), t('import.clear'));
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length) void plan(files);
  };

  const busy = step.kind === 'busy' || building !== null;
  const blocking = step.kind === 'mapping' && step.files.some((f) => mappingProblems(f.planned).length > 0);
  return (
    <section className="screen" data-testid="screen-import">
      <h1>{t('import.title')}</h1>
      <p className="lead">{t('import.intro')}</p>
      <div
        className={`dropzone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label className="button primary">
          {t('import.choose')}
          <input
            type="file"
            multiple
            data-testid="file-input"
            className="visually-hidden"
            // Choosable while the database still starts: planning reads the file in its own worker; loading waits for the database.
            disabled={busy}
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              if (files.length) void plan(files);
            }}
          />
        </label>{' '}
        <span className="muted">{t('import.drop')}</span>
        <p className="muted">{t('import.formats')}</p>
        {busy && (
          <div role="status" data-testid="import-busy">
            {building ? <BuildProgressView progress={building} /> : <p className="busy">{step.kind === 'busy' ? step.text : ''}</p>}
          </div>
        )}
      </div>
      {messages.map((m, i) => (
        <ImportMessage key={`${i}-${m.message}`} message={m} />
      ))}
      {step.kind === 'mapping' && (
        <div className="mapping-step">
          <h2>{t('import.mappingTitle')}</h2>
          <p className="muted">{t('import.mappingIntro')}</p>
          {step.files.map((entry, i) => (
            <MappingPanel
              key={entry.planned.plan.fingerprint + i}
              file={entry.planned}
              onSheet={(sheet) => void changeSheet(i, sheet)}
              onChange={(next) => {
                const files = [...step.files];
                files[i] = { file: entry.file, planned: next };
                setStep({ kind: 'mapping', files });
              }}
            />
          ))}
          <div className="actions">
            <button type="button" className="button primary" data-testid="mapping-confirm" disabled={blocking || !db} onClick={() => void confirm()}>
              {t('import.confirm')}
            </button>{' '}
            <button type="button" className="button" onClick={() => setStep({ kind: 'idle' })}>{t('import.cancel')}</button>
            {!db && <p className="muted" role="status" data-testid="engine-starting">{t('import.engineStarting')}</p>}
          </div>
        </div>
      )}
      <div className="demo-box">
        <button type="button" className="button" data-testid="demo-load" onClick={() => void demo.load()} disabled={busy || demo.busy || !db}>
          {demo.busy ? t('import.demoLoading') : t('import.demo')}
        </button>{' '}
        <button type="button" className="link-button" data-testid="import-clear" onClick={() => void startOver()} disabled={busy || !db}>
          {t('import.clear')}
        </button>
        <p className="muted">{t('import.demoHint')}</p>
        {demo.error && <ImportMessage message={demo.error} testId="demo-error" />}
      </div>
      <ImportReportView />
    </section>
  );
}
