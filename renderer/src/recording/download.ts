/**
 * Hands text to the user as a file: a Blob behind a link with `download`, clicked. The same path serves the
 * desktop app for now (Electron shows its save dialog for a download); a native "Save as" over IPC can come later.
 */
export function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by the time the click returns; a delay covers slower browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
