// The workspace file (.overblik) and the autosave's content: see docs/workspace.md.
export { describeConfig, type ClientConfig, type MappingsArea, type ViewArea, type WorkspaceConfig } from './areas.js';
export { dropWorkspaceTables, workspaceTables, type TableDef } from './catalog.js';
export { packWorkspace, readEntries, unpackWorkspace, unzipFailure, workspaceEntries, WORKSPACE_EXTENSION, type OpenedContainer } from './container.js';
export { WorkspaceFileError, type WorkspaceProblem } from './errors.js';
export { isWorkspaceEntry, MANIFEST_PATH } from './entries.js';
export { FORMAT_VERSION, readManifest, WORKSPACE_FORMAT, type TableEntry, type WorkspaceManifest } from './manifest.js';
export { restoreWorkspace } from './restore.js';
export { currentTables, snapshotWorkspace, type SnapshotOptions, type WorkspaceSnapshot } from './snapshot.js';
