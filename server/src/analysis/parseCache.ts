// Parse once per document version: every feature asks here for the model of an open document.

import type { FileModel } from './model';

/** Analyses `text`; given `previous`, the model of the version before, it may reuse (and spend) its parts. */
export type Analyze = (text: string, previous?: FileModel) => FileModel;

export class ParseCache {
  private readonly entries = new Map<string, { readonly version: number; readonly model: FileModel }>();

  constructor(private readonly analyze: Analyze) {}

  /**
   * The model of `uri` at `version`; `text` is analysed only when that version is not cached, from the
   * cached version before (which is dropped: the one model per document kept here is the only reader).
   */
  get(uri: string, version: number, text: string): FileModel {
    const hit = this.entries.get(uri);
    if (hit && hit.version === version) return hit.model;
    const model = this.analyze(text, hit?.model);
    this.entries.set(uri, { version, model });
    return model;
  }

  /** Forgets `uri` (call when the document closes). */
  evict(uri: string): void {
    this.entries.delete(uri);
  }

  /** The cached models. */
  models(): FileModel[] {
    return [...this.entries.values()].map((e) => e.model);
  }

  get size(): number {
    return this.entries.size;
  }
}
