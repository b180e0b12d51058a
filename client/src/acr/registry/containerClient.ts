// Which container client pulls an image (`acr.containerClient`), and its command line. Both docker and
// podman read the credentials sign-in wrote (docker's config, which podman reads too, or auth.json), so
// the command line never carries a secret.

export type ContainerClient = 'docker' | 'podman';
export type ContainerClientSetting = 'auto' | ContainerClient;

/** The clients each setting tries, in order. */
const CANDIDATES: Readonly<Record<ContainerClientSetting, readonly ContainerClient[]>> = {
  auto: ['docker', 'podman'],
  docker: ['docker'],
  podman: ['podman'],
};

export function readContainerClientSetting(raw: unknown): ContainerClientSetting {
  return typeof raw === 'string' && Object.hasOwn(CANDIDATES, raw) ? (raw as ContainerClientSetting) : 'auto';
}

export interface FoundClient {
  readonly client: ContainerClient;
  readonly path: string;
}

/** The first client of the setting that `find` finds (e.g. on PATH). */
export function chooseContainerClient(setting: ContainerClientSetting, find: (name: ContainerClient) => string | undefined): FoundClient | undefined {
  for (const client of CANDIDATES[setting]) {
    const path = find(client);
    if (path) return { client, path };
  }
  return undefined;
}

export const pullArguments = (reference: string): string[] => ['pull', reference];

/** The command to copy when no client is found. */
export const pullCommandText = (setting: ContainerClientSetting, reference: string): string => [CANDIDATES[setting][0], ...pullArguments(reference)].join(' ');

export function missingClientMessage(setting: ContainerClientSetting): string {
  const names = CANDIDATES[setting];
  const missing = names.length === 1 ? `${names[0]} is not on PATH (the acr.containerClient setting asks for it)` : `neither ${names.join(' nor ')} is on PATH`;
  return `Cannot pull: ${missing}. Install ${names.length === 1 ? 'it' : 'one'}, or copy the command and run it where one is.`;
}
