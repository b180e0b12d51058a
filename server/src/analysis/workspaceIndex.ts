// The Earthfiles of a workspace: each directory's Earthfile, the models of open documents and of
// files read from disk, and the resolution of references that cross files (`./dir+t`, `../x+t`,
// IMPORTed local paths). Disk access goes through an injected reader so tests stay pure.
//
// Models are built lazily and rebuilt only when a document's version or a file's text changes.

import * as nodePath from 'node:path';
import { BUILD_FILE_NAMES } from '../../../shared/src/earthfileNames';
import type { EarthfileRef } from '../parser';
import type { FileModel, Import, Recipe, ReferenceSite } from './model';
import { ParseCache, type Analyze } from './parseCache';
import { pathToUri, uriToPath } from '../uri';

export interface FileReader {
  /** The file's text, or undefined when it cannot be read. */
  readFile(path: string): string | undefined;
  exists(path: string): boolean;
  /** The entries of a directory, or undefined when it cannot be listed (completion of paths needs it). */
  listDirectory?(path: string): readonly { readonly name: string; readonly isDirectory: boolean }[] | undefined;
}

export interface IndexedFile {
  readonly path: string;
  readonly model: FileModel;
}

export interface ResolvedReference {
  /** The Earthfile the reference points into. */
  readonly file: IndexedFile;
  /** The target or function named, when that file defines it. */
  readonly definition?: Recipe;
}

export interface WorkspaceIndexOptions {
  /** Resolves `~/x+t`; without it such references stay unresolved. */
  readonly homeDir?: string;
}

interface DiskEntry {
  readonly text: string;
  readonly model: FileModel;
  /** The file changed on disk since it was read; re-read (and re-analysed if the text differs) on next use. */
  stale: boolean;
}

export class WorkspaceIndex {
  /** Open editor documents: their latest version and text. */
  private readonly open = new Map<string, { readonly version: number; readonly text: string }>();
  private readonly documents: ParseCache;
  /** Path of each open `file:` document → its URI. */
  private readonly openPaths = new Map<string, string>();
  private readonly disk = new Map<string, DiskEntry>();
  /** Directory → its Earthfile path, or null when it has none. */
  private readonly dirs = new Map<string, string | null>();

  constructor(
    private readonly reader: FileReader,
    private readonly analyze: Analyze,
    private readonly options: WorkspaceIndexOptions = {},
  ) {
    this.documents = new ParseCache(analyze);
  }

  /** An editor document was opened or changed. It is analysed when its model is first asked for. */
  openDocument(uri: string, version: number, text: string): void {
    if (!this.open.has(uri)) {
      const path = uriToPath(uri);
      if (path !== undefined && !this.openPaths.has(path)) {
        this.openPaths.set(path, uri);
        this.dirs.delete(nodePath.dirname(path));
      }
    }
    this.open.set(uri, { version, text });
  }

  /** The editor closed the document: from now on the file is read from disk. */
  closeDocument(uri: string): void {
    this.open.delete(uri);
    this.documents.evict(uri);
    const path = uriToPath(uri);
    if (path === undefined) return;
    this.openPaths.delete(path);
    this.dirs.delete(nodePath.dirname(path));
    const entry = this.disk.get(path);
    if (entry) entry.stale = true;
  }

  /** A file was created or changed on disk. */
  fileChanged(path: string): void {
    const entry = this.disk.get(path);
    if (entry) entry.stale = true;
    if (BUILD_FILE_NAMES.includes(nodePath.basename(path))) this.dirs.delete(nodePath.dirname(path));
  }

  /** A file or a directory was deleted on disk. */
  fileDeleted(path: string): void {
    const under = path + nodePath.sep;
    for (const p of [...this.disk.keys()]) if (p === path || p.startsWith(under)) this.disk.delete(p);
    for (const d of [...this.dirs.keys()]) if (d === path || d.startsWith(under)) this.dirs.delete(d);
    this.dirs.delete(nodePath.dirname(path));
  }

  /** The model of an open document by URI, at its latest version (cached per version). */
  documentModel(uri: string): FileModel | undefined {
    const document = this.open.get(uri);
    return document && this.documents.get(uri, document.version, document.text);
  }

  /** The model of the Earthfile at `path`: the open document if there is one, otherwise the file on disk. */
  fileAt(path: string): IndexedFile | undefined {
    const uri = this.openPaths.get(path);
    const open = uri !== undefined ? this.documentModel(uri) : undefined;
    if (open) return { path, model: open };
    const entry = this.disk.get(path);
    if (entry && !entry.stale) return { path, model: entry.model };
    const text = this.reader.readFile(path);
    if (text === undefined) {
      this.disk.delete(path);
      return undefined;
    }
    if (entry && entry.text === text) {
      entry.stale = false;
      return { path, model: entry.model };
    }
    const model = this.analyze(text);
    this.disk.set(path, { text, model, stale: false });
    return { path, model };
  }

  /** The models already analysed: open documents' and files' read from disk (for names used across the workspace). */
  knownModels(): FileModel[] {
    const models = this.documents.models();
    for (const entry of this.disk.values()) models.push(entry.model);
    return models;
  }

  /** The paths of the open `file:` documents and of the files read from disk. */
  knownPaths(): string[] {
    return [...new Set([...this.openPaths.keys(), ...this.disk.keys()])];
  }

  /** The URI to name the file at `path` by: the open document's, so that the editor recognises it. */
  uriOf(path: string): string {
    return this.openPaths.get(path) ?? pathToUri(path);
  }

  /** The Earthfile of `dir` (`Earthfile`, else `build.earth`), if it has one. */
  earthfileIn(dir: string): string | undefined {
    const known = this.dirs.get(dir);
    if (known !== undefined) return known ?? undefined;
    const found = BUILD_FILE_NAMES.map((name) => nodePath.join(dir, name)).find(
      (p) => this.openPaths.has(p) || this.reader.exists(p),
    );
    this.dirs.set(dir, found ?? null);
    return found;
  }

  /** The directory an Earthfile reference written in the file at `fromPath` points to. */
  directoryOf(fromPath: string, earthfile: EarthfileRef): string | undefined {
    const here = nodePath.dirname(fromPath);
    switch (earthfile.kind) {
      case 'same':
        return here;
      case 'path':
        if (earthfile.base === 'absolute') return nodePath.normalize(earthfile.cleaned);
        if (earthfile.base === 'home') {
          const home = this.options.homeDir;
          return home === undefined ? undefined : nodePath.join(home, earthfile.cleaned.slice(2));
        }
        return nodePath.resolve(here, earthfile.cleaned);
      default:
        // Remote Earthfiles are not in the workspace; aliases resolve through their IMPORT.
        return undefined;
    }
  }

  /** The Earthfile an IMPORT in the file at `fromPath` brings in, when it is a local path. */
  importedFile(fromPath: string, imp: Import): IndexedFile | undefined {
    if (!imp.earthfile) return undefined;
    return this.earthfileAt(this.directoryOf(fromPath, imp.earthfile));
  }

  /**
   * Where a reference written in the file at `fromPath` points: the Earthfile, and the target or
   * function when it exists. Undefined for remote, dynamic and unresolvable references.
   */
  resolveReference(fromPath: string, site: ReferenceSite): ResolvedReference | undefined {
    const ref = site.ref;
    if (!ref || ref.dynamic) return undefined;
    const earthfile = ref.earthfile.kind === 'import' ? site.import?.earthfile : ref.earthfile;
    if (!earthfile) return undefined;
    const file = this.earthfileAt(this.directoryOf(fromPath, earthfile));
    if (!file) return undefined;
    const byName = ref.nameKind === 'function' ? file.model.functionsByName : file.model.targetsByName;
    const definition = byName.get(ref.name.text);
    return definition ? { file, definition } : { file };
  }

  private earthfileAt(dir: string | undefined): IndexedFile | undefined {
    const path = dir === undefined ? undefined : this.earthfileIn(dir);
    return path === undefined ? undefined : this.fileAt(path);
  }
}
