import { useMemo, useState } from 'react';
import { detectFormat } from '../../../core/import/detect.js';
import { CancelledError } from '../../../core/db/abortable.js';
import { BatchFailedError, importBatch, type BatchProgress } from '../../../core/import/import-batch.js';
import { browserSizeProblem } from '../../../core/import/import-file.js';
import { planImport } from '../../../core/import/plan.js';
import { refreshAnalysis } from '../../../core/workspace/refresh.js';
import { useApp, useT } from '../../app/app-context.js';
import { describeError, type Described } from '../../import/describe-error.js';
import { recallMapping, rememberMapping } from '../../import/mapping-memory.js';
import { createWorkerParsers, fileSource } from '../../import/worker-parsers.js';
import type { PlannedFile } from './MappingPanel.js';

export type Step = { kind: 'idle' } | { kind: 'busy'; text: string } | { kind: 'mapping'; files: { file: File; planned: PlannedFile }[] };

/**
 * The import screen's flow: plan the dropped files (whole-file checks in the worker), let the
 * person confirm the mapping, then load them all and re-analyse as one workspace build.
 */
export function useImportFlow() {
  const { t, lang } = useT();
  const { db, runBuild } = useApp();
  const parsers = useMemo(() => createWorkerParsers(), []);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const [messages, setMessages] = useState<Described[]>([]);

  const plan = async (files: File[]) => {
    setMessages([]);
    const planned: { file: File; planned: PlannedFile }[] = [];
    const problems: Described[] = [];
    for (const file of files) {
      setStep({ kind: 'busy', text: t('import.planning', { name: file.name }) });
      try {
        const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
        const tooLarge = browserSizeProblem(file.name, file.size, detectFormat(file.name, head));
        if (tooLarge) throw tooLarge;
        const p = await planImport(fileSource(file), parsers);
        const memory = recallMapping(p.signature);
        planned.push({ file, planned: { plan: p, mapping: memory?.mapping ?? p.mapping, role: memory?.role ?? p.role, remembered: !!memory } });
      } catch (e) {
        problems.push(describeError(lang, e, file.name));
      }
    }
    setMessages(problems);
    setStep(planned.length ? { kind: 'mapping', files: planned } : { kind: 'idle' });
  };

  const changeSheet = async (index: number, sheet: number) => {
    if (step.kind !== 'mapping') return;
    const entry = step.files[index]!;
    try {
      const p = await planImport(fileSource(entry.file), parsers, sheet);
      const files = [...step.files];
      files[index] = { file: entry.file, planned: { plan: p, mapping: p.mapping, role: p.role, remembered: false } };
      setStep({ kind: 'mapping', files });
    } catch (e) {
      setMessages([describeError(lang, e, entry.file.name)]);
    }
  };

  const progressText = (p: BatchProgress) =>
    p.step === 'analysing' ? t('import.analysing') : t(p.step === 'reading' ? 'build.reading' : 'build.loading', { name: p.file ?? '' });

  const confirm = async () => {
    if (!db || step.kind !== 'mapping') return;
    const files = step.files;
    const notes: Described[] = [];
    const entries = files.map(({ file, planned }) => ({ source: fileSource(file), plan: { ...planned.plan, role: planned.role }, mapping: planned.mapping }));
    const report = (text: string) => setStep({ kind: 'busy', text });
    const controller = new AbortController();
    try {
      const result = await runBuild(
        (progress) =>
          importBatch(db, entries, {
            parsers,
            signal: controller.signal,
            after: (_loaded, within) => refreshAnalysis(within),
            onProgress: (p) => {
              progress(progressText(p), { done: p.done, rows: p.rows, rowsKind: p.step === 'analysing' ? 'loaded' : 'read' });
              report(progressText(p));
            },
          }),
        t('build.reading', { name: files[0]?.file.name ?? '' }),
        controller,
      );
      for (const { name, outcome } of result.loaded) {
        if (outcome.duplicateOf) notes.push({ message: t('import.duplicate', { name, other: outcome.duplicateOf }) });
      }
      for (const f of result.failed) notes.push(describeError(lang, f.error, f.name));
      for (const { file, planned } of files) {
        if (!result.failed.some((f) => f.name === file.name)) rememberMapping(planned.plan.signature, { mapping: planned.mapping, role: planned.role });
      }
    } catch (e) {
      if (e instanceof CancelledError) {
        // Rolled back: the workspace is as it was; the files stay chosen so they can be loaded again.
        setMessages([{ message: t('build.cancelled'), note: true }]);
        setStep({ kind: 'mapping', files });
        return;
      }
      const failed = e instanceof BatchFailedError ? e.failed : [];
      for (const f of failed) notes.push(describeError(lang, f.error, f.name));
      const cause = e instanceof BatchFailedError ? e.cause : e;
      const detail = describeError(lang, cause, files.map((f) => f.file.name).join(', ')).detail;
      notes.push({ message: t('problem.batch_failed'), detail });
    }
    setMessages(notes);
    setStep({ kind: 'idle' });
  };

  return { step, setStep, messages, setMessages, plan, changeSheet, confirm };
}
