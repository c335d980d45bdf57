/**
 * Saving a file the window made (a recording, a chart as SVG or PNG), one way for every caller: through the
 * desktop app's native "Save as" dialog when the preload offers `saveFile`, else as a browser download.
 */
import type { LabApi } from '../../../shared/lab-api';

/** A file's content: text (a recording, an SVG) or a Blob (a PNG). */
export type FileContent = string | Blob;

/** Saves `content` as `name`; resolves with where it went (a path, or the download's name), null when the user cancelled. */
export type SaveFile = (name: string, content: FileContent) => Promise<string | null>;

/** The content type a download carries, by the file's kind. */
export function contentType(name: string): string {
  if (name.endsWith('.svg')) return 'image/svg+xml';
  if (name.endsWith('.png')) return 'image/png';
  return 'application/x-ndjson';
}

/** The saver for this window: `api.saveFile` (desktop) when present, else `download` (browser mode). */
export function fileSaver(api: Pick<LabApi, 'saveFile'>, download: (name: string, blob: Blob) => void): SaveFile {
  const native = api.saveFile;
  if (!native) {
    return async (name, content) => {
      download(name, typeof content === 'string' ? new Blob([content], { type: contentType(name) }) : content);
      return name;
    };
  }
  return async (name, content) => {
    // IPC carries structured clones: text as it is, a Blob's bytes as a Uint8Array.
    const data = typeof content === 'string' ? content : new Uint8Array(await content.arrayBuffer());
    const result = await native({ name, content: data });
    if (!result.ok) throw new Error(result.errors.map((e) => (e.field === '(root)' ? e.message : `${e.field}: ${e.message}`)).join('; '));
    return result.path;
  };
}
