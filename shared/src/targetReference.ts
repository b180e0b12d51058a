// How Earthly names a target from a workspace folder (`./services/api+build`), for the tasks the client
// runs and the workspace symbols the server lists: both name a target the way the command line does.
import { dirname, posix, relative, sep } from 'node:path';

/**
 * Workspace-relative reference of a target: `./services/api+build`, or `+build` for the folder's root
 * Earthfile. Earthly resolves `./dir+t` against its working directory, which for detected tasks is the folder.
 */
export function targetReferenceOf(folderPath: string, earthfilePath: string, target: string): string {
  const dir = relative(folderPath, dirname(earthfilePath)).split(sep).join(posix.sep);
  if (dir === '') return `+${target}`;
  return `${dir.startsWith('../') ? '' : './'}${dir}+${target}`;
}
