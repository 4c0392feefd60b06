import type { BuildProgress } from './workspace-build.js';
import { BuildProgressView } from './BuildProgressView.js';
import { useT } from './app-context.js';

/** Shown instead of a screen while the workspace is being built; the screen follows when it is done. */
export function BuildingPanel({ progress }: { progress: BuildProgress }) {
  const { t } = useT();
  return (
    <section className="screen" data-testid="workspace-building" aria-busy="true">
      <div className="panel building-panel" role="status">
        <h2>{t('build.title')}</h2>
        <BuildProgressView progress={progress} />
        <p className="muted">{t('build.wait')}</p>
      </div>
    </section>
  );
}
