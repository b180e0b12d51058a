// How files are recognised as Earthfiles, as package.json's `contributes.languages` declares it (a unit
// test keeps the two equal), so that the editor, the client's file watcher and the server agree.

/** The language id of Earthfiles, as the official Earthly grammar and other Earthfile tools use it. */
export const LANGUAGE_ID = 'earthfile';

/** File names a build looks for in a directory, in order (`./dir+target` reads the first that exists). */
export const BUILD_FILE_NAMES: readonly string[] = ['Earthfile', 'build.earth'];

/** Extensions editors give single-file Earthfiles (`docker.earth`). */
export const EARTHFILE_EXTENSIONS: readonly string[] = ['.earth', '.Earthfile'];

/** Folders never searched for Earthfiles: dependencies and version control. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn']);

/** Build-file names Earthly reads, plus the extensions editors give single-file Earthfiles. */
export function isEarthfileName(name: string): boolean {
  return BUILD_FILE_NAMES.includes(name) || EARTHFILE_EXTENSIONS.some((extension) => name.endsWith(extension));
}

/** Every Earthfile of a workspace: build files by name, the others by extension. */
export const EARTHFILE_GLOB = `**/{${[...BUILD_FILE_NAMES, ...EARTHFILE_EXTENSIONS.map((extension) => `*${extension}`)].join(',')}}`;

/** The build files of a workspace, which hold the targets `earthly` runs. */
export const BUILD_FILE_GLOB = `**/{${BUILD_FILE_NAMES.join(',')}}`;
