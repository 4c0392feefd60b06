/** Saves a blob as a file on the user's machine (a local blob URL; nothing leaves the browser). */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Long enough for a large file to be handed to the browser's download.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Saves text as a file on the user's machine. */
export function downloadText(fileName: string, text: string, type: string): void {
  downloadBlob(fileName, new Blob([text], { type: `${type};charset=utf-8` }));
}

/** Saves bytes (a workbook) the same way. */
export function downloadBytes(fileName: string, bytes: Uint8Array, type: string): void {
  downloadBlob(fileName, new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "kategorier" → "kategorier-2026-01-31" (the day of the export, so two downloads do not collide in meaning). */
export function datedName(base: string): string {
  return `${base}-${new Date().toISOString().slice(0, 10)}`;
}
