// Earthly's error lines, which the `earthly` problem matcher (package.json, same pattern: a unit test
// keeps the two equal) turns into diagnostics. Pure.
import { isAbsolute, resolve } from 'node:path';

/**
 * `[<target> *failed* | ][Error: …: ]<path>/Earthfile line 12:4 <message>` (earthly 0.8) or
 * `<path>/Earthfile:12:4: <message>` (EarthBuild). Groups: file, line, message. The column is left
 * out on purpose: Earthly counts it from 0 and problem matchers from 1, so the whole line is marked.
 */
export const EARTHLY_ERROR_PATTERN = String.raw`^(?:.*(?:: |\| ))?(.*?(?:Earthfile|\.earth))(?: line |:)(\d+):\d+:? (.*)$`;
const ERROR_LINE = new RegExp(EARTHLY_ERROR_PATTERN, 'd');

/**
 * The line with a relative Earthfile path made absolute against `cwd`. Earthly prints local paths
 * relative to where it runs, but a problem matcher cannot know the directory of a custom-execution
 * task (its `${cwd}` is the workspace folder); absolute paths are also links in the terminal.
 */
export function withAbsoluteEarthfilePath(line: string, cwd: string): string {
  const match = ERROR_LINE.exec(line);
  const span = match?.indices?.[1];
  if (!match || !span || isAbsolute(match[1]!)) return line;
  return line.slice(0, span[0]) + resolve(cwd, match[1]!) + line.slice(span[1]);
}
