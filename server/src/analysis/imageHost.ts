// The registry host of an image name, by the docker reference rules: the first path component is a
// host when it holds `.` or `:` or is `localhost`; any other name lives on Docker Hub.

import { expandKnown, type VariableValue } from './argDefaults';
import { unquote } from './shellQuotes';

const DOCKER_HUB = 'docker.io';

/** Spellings of Docker Hub that docker normalises to `docker.io`. */
const HUB_ALIASES: ReadonlySet<string> = new Set(['index.docker.io', 'registry-1.docker.io']);

/** Image names that are not pulled from any registry. */
const NOT_PULLED: ReadonlySet<string> = new Set(['scratch']);

/**
 * The registry host of `image` as written in an Earthfile (quotes allowed), or undefined when there
 * is none to tell: an empty or `scratch` name, or a host that holds a variable with no known value.
 * Registries are often named by an ARG (`FROM $REGISTRY/app`), so variables `valueOf` knows expand.
 */
export function imageHost(image: string, valueOf: VariableValue = () => undefined): string | undefined {
  const name = expandKnown(unquote(image), valueOf);
  if (name === '' || NOT_PULLED.has(name)) return undefined;
  const slash = name.indexOf('/');
  // Without a `/` the name is one component, before its `:tag` or `@digest`; a variable there may
  // expand to a path with a host, so it is as unknown as a variable in a host.
  const first = slash >= 0 ? name.slice(0, slash) : name.slice(0, firstOf(name, ':@'));
  if (first.includes('$')) return undefined;
  const isHost = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (!isHost) return DOCKER_HUB;
  return HUB_ALIASES.has(first) ? DOCKER_HUB : first;
}

/** The index of the first of `chars` in `text`, or its length. */
function firstOf(text: string, chars: string): number {
  for (let i = 0; i < text.length; i++) if (chars.includes(text[i])) return i;
  return text.length;
}
