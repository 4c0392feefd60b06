import { useMemo, useState, type DragEvent } from 'react';
import { detectFormat, UnsupportedFileError } from '../../core/import/detect.js';
import { browserSizeProblem, executeImport } from '../../core/import/import-file.js';
import { planImport } from '../../core/import/plan.js';
import { refreshAnalysis } from '../../core/workspace/refresh.js';
import { startOver as startNewAnalysis } from '../../core/workspace/start-over.js';
import { useApp, useT } from '../app/app-context.js';
import { useDemoLoader } from '../app/use-demo-loader.js';
import { recallMapping, rememberMapping } from '../import/mapping-memory.js';
import { createWorkerParsers, fileSource } from '../import/worker-parsers.js';
import { ImportReportView } from './import/ImportReportView.js';
import { MappingPanel, mappingProblems, type PlannedFile } from './import/MappingPanel.js';

type Step = { kind: 'idle' } | { kind: 'busy'; text: string } | { kind: 'mapping'; files: { file: File; planned: PlannedFile }[] };

export function ImportScreen() {
  const { t, lang } = useT();
  const { db, notifyDataChanged, view, setView } = useApp();
  const parsers = useMemo(() => createWorkerParsers(), []);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [messages, setMessages] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const demo = useDemoLoader(() => setView({ ...view, screen: 'overview' }));

  const errorText = (e: unknown) =>
    e instanceof UnsupportedFileError ? (lang === 'da' ? e.message : e.messageEn) : e instanceof Error ? e.message : String(e);

  const plan = async (files: File[]) => {
    setMessages([]);
    const planned: { file: File; planned: PlannedFile }[] = [];
    const problems: string[] = [];
    for (const file of files) {
      setStep({ kind: 'busy', text: t('import.planning', { name: file.name }) });
      try {
        const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
        const tooLarge = browserSizeProblem(file.name, file.size, detectFormat(file.name, head));
        if (tooLarge) {
          problems.push(tooLarge[lang]);
          continue;
        }
        const p = await planImport(fileSource(file), parsers);
        const memory = recallMapping(p.signature);
        planned.push({ file, planned: { plan: p, mapping: memory?.mapping ?? p.mapping, role: memory?.role ?? p.role, remembered: !!memory } });
      } catch (e) {
        problems.push(`${file.name}: ${errorText(e)}`);
      }
    }
    setMessages(problems);
    setStep(planned.length ? { kind: 'mapping', files: planned } : { kind: 'idle' });
  };

  const changeSheet = async (index: number, sheet: number) => {
    if (step.kind !== 'mapping') return;
    const entry = step.files[index]!;
    const p = await planImport(fileSource(entry.file), parsers, sheet);
    const files = [...step.files];
    files[index] = { file: entry.file, planned: { plan: p, mapping: p.mapping, role: p.role, remembered: false } };
    setStep({ kind: 'mapping', files });
  };

  const confirm = async () => {
    if (!db || step.kind !== 'mapping') return;
    const notes: string[] = [];
    for (const { file, planned } of step.files) {
      setStep({ kind: 'busy', text: t('import.importing', { name: file.name }) });
      try {
        const outcome = await executeImport(db, fileSource(file), { ...planned.plan, role: planned.role }, planned.mapping);
        if (outcome.duplicateOf) notes.push(t('import.duplicate', { name: file.name, other: outcome.duplicateOf }));
        else rememberMapping(planned.plan.signature, { mapping: planned.mapping, role: planned.role });
      } catch (e) {
        notes.push(`${file.name}: ${errorText(e)}`);
      }
    }
    setStep({ kind: 'busy', text: t('import.analysing') });
    try {
      await refreshAnalysis(db);
    } catch (e) {
      notes.push(errorText(e));
    }
    setMessages(notes);
    setStep({ kind: 'idle' });
    notifyDataChanged();
  };

  const startOver = async () => {
    if (!db) return;
    await startNewAnalysis(db);
    setMessages([]);
    notifyDataChanged();
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length) void plan(files);
  };

  const busy = step.kind === 'busy';
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
            disabled={busy || !db}
            onChange={(e) => {
              const files = Array.from(e.target.files ?? []);
              e.target.value = '';
              if (files.length) void plan(files);
            }}
          />
        </label>{' '}
        <span className="muted">{t('import.drop')}</span>
        <p className="muted">{t('import.formats')}</p>
        {busy && <p role="status" className="busy">{step.text}</p>}
      </div>
      {messages.map((m) => (
        <p key={m} role="alert" className="error-message" data-testid="import-message">{m}</p>
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
            <button type="button" className="button primary" data-testid="mapping-confirm" disabled={blocking} onClick={() => void confirm()}>
              {t('import.confirm')}
            </button>{' '}
            <button type="button" className="button" onClick={() => setStep({ kind: 'idle' })}>{t('import.cancel')}</button>
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
        {demo.error && <p role="alert" className="error-message">{demo.error}</p>}
      </div>
      <ImportReportView />
    </section>
  );
}
