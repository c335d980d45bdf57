/**
 * Hands a file to the user as a download: a Blob behind a link with `download`, clicked. Browser mode's way to
 * save; the desktop app uses its native "Save as" dialog instead (save-file.ts).
 */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
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
