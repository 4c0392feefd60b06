/**
 * Why a workspace file (or an autosave) was refused. The screen words each code in the person's
 * language (src/ui/i18n/screens/workspace.ts); `detail` is for a bug report, never the message.
 * Refusing happens before anything in the open analysis is touched.
 */
export type WorkspaceProblem =
  /** Not a ZIP, or a ZIP without an Overblik manifest (another program's file). */
  | 'notWorkspace'
  /** Written by a newer Overblik (a format version this one does not know). */
  | 'newer'
  /** Written in a format version older than this Overblik can migrate. */
  | 'older'
  /** An Overblik file whose manifest or tables are incomplete, altered or unreadable. */
  | 'damaged';

export class WorkspaceFileError extends Error {
  constructor(
    readonly problem: WorkspaceProblem,
    readonly detail: string,
    /** For `newer`/`older`: the file's format version and the app version that wrote it. */
    readonly params: { version?: number; app?: string } = {},
  ) {
    super(`Workspace refused (${problem}): ${detail}`);
    this.name = 'WorkspaceFileError';
  }
}
