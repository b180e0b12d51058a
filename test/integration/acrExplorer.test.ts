// The Registries view against the local registry, through the real VS Code API: the tree provider's rows
// (registries, folders, repositories, tags newest first) and their descriptions, paging over the bulk
// repositories, filters, faults shown as rows that Retry recovers from, the tag actions (copy, Inspect,
// Insert FROM, drag and drop), untag and deletes checked with skopeo and the unmodified Azure SDK, Pull
// with a real podman and with the docker stand-in (test/fixtures/bin/docker: docker cannot be installed
// here, so that path is checked by the arguments it was run with), and the registries of the stand-in's
// Azure subscriptions.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContainerRegistryClient } from '@azure/container-registry';
import { ClientSecretCredential } from '@azure/identity';
import * as vscode from 'vscode';
import { COMMAND_IDS, TEST_COMMAND_IDS } from '../../client/src/commandIds';
import type { EarthlyApi } from '../../client/src/extension';
import type { ExplorerNode, MessageNode, RegistryNode, RepositoryNode, TagNode } from '../../client/src/acr/vscode/explorer/explorerNodes';
import type { PromptRecord } from '../../client/src/acr/vscode/explorer/explorerPrompts';
import { acrTestEnvironment, control, dockerConfigFile, type AcrTestEnvironment } from './acrTestEnvironment';
import { closeAllEditors, openScratchEarthfile, waitFor, workspaceFile } from './waitFor';

const EXTENSION_ID = 'earthly-acr.earthly-acr';
const ACR_AUDIENCE = 'https://containerregistry.azure.net';

type Tree = EarthlyApi['acr']['explorer']['tree'];

/** Runs a program; resolves with its exit code and output (never rejects on a non-zero exit). */
function runProgram(program: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) =>
    execFile(program, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    }),
  );
}

describe('ACR explorer', function () {
  this.timeout(180_000);
  let env: AcrTestEnvironment;
  let api: EarthlyApi;
  let tree: Tree;
  let sdk: ContainerRegistryClient;

  const label = (node: ExplorerNode): string => String(tree.getTreeItem(node).label);
  const description = (node: ExplorerNode): string => String(tree.getTreeItem(node).description ?? '');
  const contextValue = (node: ExplorerNode): string => tree.getTreeItem(node).contextValue ?? '';
  /** `name` for a repository or a tag, `name/` for a folder, the text of other rows. */
  const shown = (nodes: readonly ExplorerNode[]): string[] => nodes.map((n) => (n.kind === 'folder' ? `${label(n)}/` : label(n)));

  const registryNode = async (): Promise<RegistryNode> => {
    const roots = await tree.getChildren();
    const node = roots.find((n): n is RegistryNode => n.kind === 'registry' && n.loginServer === env.loginServer);
    assert.ok(node, `the registry row among ${shown(roots).join(', ')}`);
    return node;
  };

  /** The row of a repository or a folder (`team/api`), expanding the folders on the way. */
  const rowAt = async (path: string, kind: 'repository' | 'folder' = 'folder'): Promise<ExplorerNode> => {
    let node: ExplorerNode = await registryNode();
    const segments = path.split('/');
    for (const [i, segment] of segments.entries()) {
      const children = await tree.getChildren(node);
      const next = children.find((c) => label(c) === segment && c.kind === (i === segments.length - 1 ? kind : 'folder'));
      assert.ok(next, `${segment} under ${label(node)}: ${shown(children).join(', ')}`);
      node = next;
    }
    return node;
  };

  const repository = async (path: string): Promise<RepositoryNode> => (await rowAt(path, 'repository')) as RepositoryNode;

  const tagRow = async (path: string, tag: string): Promise<TagNode> => {
    const children = await tree.getChildren(await repository(path));
    const node = children.find((c): c is TagNode => c.kind === 'tag' && c.tag.name === tag);
    assert.ok(node, `${path}:${tag} among ${shown(children).join(', ')}`);
    return node;
  };

  /** From now on the prompts are answered with `answers` and recorded; undefined: the person is asked again. */
  const scriptPrompts = (answers?: unknown[]): Promise<PromptRecord[]> => Promise.resolve(vscode.commands.executeCommand<PromptRecord[]>(TEST_COMMAND_IDS.acrScriptPrompts, answers));

  const refreshRegistry = async (): Promise<RegistryNode> => {
    const node = await registryNode();
    await vscode.commands.executeCommand(COMMAND_IDS.acrRefresh, node);
    return node;
  };

  /** skopeo reads the image with the credentials sign-in wrote: the registry as a real client sees it. */
  const skopeoFinds = async (image: string): Promise<boolean> => {
    const { code, stderr } = await runProgram('skopeo', ['inspect', '--raw', '--authfile', dockerConfigFile(env), '--cert-dir', env.certDir, `docker://${env.loginServer}/${image}`]);
    if (code !== 0 && !/manifest unknown|not found|NAME_UNKNOWN|MANIFEST_UNKNOWN/i.test(stderr)) throw new Error(`skopeo failed otherwise: ${stderr}`);
    return code === 0;
  };

  const skopeoCopy = async (from: string, to: string): Promise<void> => {
    const auth = dockerConfigFile(env);
    const { code, stderr } = await runProgram('skopeo', [
      'copy', '--src-authfile', auth, '--dest-authfile', auth, '--src-cert-dir', env.certDir, '--dest-cert-dir', env.certDir,
      `docker://${env.loginServer}/${from}`, `docker://${env.loginServer}/${to}`,
    ]);
    assert.equal(code, 0, `skopeo copy ${from} ${to}: ${stderr}`);
  };

  before(async () => {
    env = acrTestEnvironment();
    const extension = vscode.extensions.getExtension<EarthlyApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    tree = api.acr.explorer.tree;
    const credential = new ClientSecretCredential(env.tenantId, env.servicePrincipal.clientId, env.servicePrincipal.clientSecret, { authorityHost: env.endpoint, disableInstanceDiscovery: true });
    sdk = new ContainerRegistryClient(env.endpoint, credential, { audience: ACR_AUDIENCE });
    for (const s of api.acr.status()) await api.acr.logout(s.loginServer);
  });

  afterEach(async () => {
    await control(env, 'DELETE', 'faults');
    await scriptPrompts(undefined);
    await closeAllEditors();
  });

  after(async () => {
    await vscode.commands.executeCommand(TEST_COMMAND_IDS.acrSetCallTimeout, undefined);
    await vscode.workspace.getConfiguration('acr').update('containerClient', undefined, vscode.ConfigurationTarget.Global);
    for (const s of api.acr.status()) await api.acr.logout(s.loginServer);
  });

  it('shows a registry not signed in with a "Sign in" row; signed in, its repositories as folders and tags newest first', async () => {
    const signedOut = await registryNode();
    assert.match(description(signedOut), /^not signed in · settings$/);
    assert.match(contextValue(signedOut), /^acr\.registry\.signedOut settings\b/);
    const [signIn, ...rest] = await tree.getChildren(signedOut);
    assert.deepEqual([signIn?.kind, label(signIn!), rest.length], ['message', 'Sign in to list the repositories', 0]);
    assert.equal(tree.getTreeItem(signIn!).command?.command, COMMAND_IDS.acrLogin);

    await api.acr.login({ loginServer: env.loginServer, method: 'adminUser', username: env.admin.username, password: env.admin.password });
    const registry = await registryNode();
    await waitFor('the row to show the sign-in', () => /^\d+h \d+m left · settings, signed in$/.test(description(registry)), () => description(registry));
    assert.match(contextValue(registry), /^acr\.registry\.signedIn settings\b/);
    assert.deepEqual(shown(await tree.getChildren(registry)), ['hello-world', 'library/', 'team/']);
    assert.deepEqual(shown(await tree.getChildren(await rowAt('team'))), ['api', 'web']);

    const tags = (await tree.getChildren(await repository('hello-world'))) as TagNode[];
    assert.deepEqual(shown(tags), ['latest', 'v2', 'v1'], 'newest first');
    for (const tag of tags) {
      assert.match(description(tag), /^[0-9a-f]{12} · \d+(\.\d+)? (B|kB) · /);
      assert.equal(contextValue(tag), 'acr.tag');
      const tooltip = tree.getTreeItem(tag).tooltip as vscode.MarkdownString;
      assert.match(tooltip.value, new RegExp(`\\*\\*${env.loginServer}/hello-world:${tag.tag.name}\\*\\*[^]*Created: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC`));
    }
    assert.equal(description(tags[0]!).split(' · ')[0], description(tags[1]!).split(' · ')[0], 'latest and v2 are one image');
    const web = await tagRow('team/web', 'latest');
    assert.match(description(web), / · linux\/amd64, linux\/arm64$/, 'a multi-platform image names its platforms');
  });

  it('filters a registry and a repository, shows the filter in the row, and clears it', async () => {
    const registry = await registryNode();
    await vscode.commands.executeCommand(COMMAND_IDS.acrFilter, registry, 'tea');
    assert.match(description(registry), / · filter: "tea"$/);
    assert.match(contextValue(registry), /\bfiltered\b/);
    assert.deepEqual(shown(await tree.getChildren(registry)), ['team/']);
    await vscode.commands.executeCommand(COMMAND_IDS.acrClearFilter, registry);
    assert.deepEqual(shown(await tree.getChildren(registry)), ['hello-world', 'library/', 'team/']);

    const hello = await repository('hello-world');
    await vscode.commands.executeCommand(COMMAND_IDS.acrFilter, hello, '^v');
    assert.deepEqual(shown(await tree.getChildren(hello)), ['v2', 'v1']);
    await vscode.commands.executeCommand(COMMAND_IDS.acrFilter, hello, 'nothing-like-this');
    const [empty] = await tree.getChildren(hello);
    assert.deepEqual([empty?.kind, label(empty!)], ['message', 'No tags match "nothing-like-this"']);
    await scriptPrompts(['']);
    await vscode.commands.executeCommand(COMMAND_IDS.acrFilter, hello);
    assert.equal(description(hello), '');
    assert.deepEqual(shown(await tree.getChildren(hello)), ['latest', 'v2', 'v1']);
  });

  it('copies references, names and the login server', async () => {
    const tag = await tagRow('team/api', '1.0.0');
    const expect = async (command: string, node: ExplorerNode, text: string): Promise<void> => {
      assert.equal(await vscode.commands.executeCommand(command, node), text);
      assert.equal(await vscode.env.clipboard.readText(), text);
    };
    await expect(COMMAND_IDS.acrCopyImageReference, tag, `${env.loginServer}/team/api:1.0.0`);
    await expect(COMMAND_IDS.acrCopyDigestReference, tag, `${env.loginServer}/team/api@${tag.tag.digest}`);
    assert.match(tag.tag.digest, /^sha256:[0-9a-f]{64}$/);
    await expect(COMMAND_IDS.acrCopyRepositoryName, await repository('team/api'), `${env.loginServer}/team/api`);
    await expect(COMMAND_IDS.acrCopyLoginServer, await registryNode(), env.loginServer);
  });

  it('inspects a multi-platform image in a virtual JSON document with each platform\'s manifest and config', async () => {
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.acrInspect, await tagRow('team/web', 'latest')), true);
    const editor = await waitFor('the Inspect document', () => (vscode.window.activeTextEditor?.document.uri.scheme === 'acr-inspect' ? vscode.window.activeTextEditor : undefined));
    assert.equal(editor.document.languageId, 'json');
    assert.equal(editor.document.uri.path, `/${env.loginServer}/team/web:latest.json`);
    const inspected = JSON.parse(editor.document.getText()) as { reference: string; mediaType: string; platforms: { platform: string; config: { architecture: string } }[] };
    assert.equal(inspected.reference, `${env.loginServer}/team/web:latest`);
    assert.equal(inspected.mediaType, 'application/vnd.oci.image.index.v1+json');
    assert.deepEqual(inspected.platforms.map((p) => [p.platform, p.config.architecture]), [['linux/amd64', 'amd64'], ['linux/arm64', 'arm64']]);
  });

  it('inserts FROM at the cursor of an Earthfile, into a picked target, and where a tag is dropped', async () => {
    const reference = `${env.loginServer}/hello-world:v1`;
    const document = await openScratchEarthfile('VERSION 0.8\n\nbuild:\n    RUN echo hi\n\ntest:\n');
    vscode.window.activeTextEditor!.selection = new vscode.Selection(3, 6, 3, 6);
    const tag = await tagRow('hello-world', 'v1');
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.acrInsertFrom, tag), true);
    assert.equal(document.getText(), `VERSION 0.8\n\nbuild:\n    RUN echo hi\n    FROM ${reference}\n\ntest:\n`);

    // Dragged from the tree and dropped on the blank line inside `test`.
    const transfer = new vscode.DataTransfer();
    await api.acr.explorer.dragAndDrop.handleDrag([tag], transfer);
    assert.equal(await transfer.get('text/plain')?.asString(), `FROM ${reference}`);
    const drop = await api.acr.explorer.dropProvider.provideDocumentDropEdits(document, new vscode.Position(7, 0), transfer);
    assert.ok(drop?.additionalEdit);
    await vscode.workspace.applyEdit(drop.additionalEdit);
    assert.equal(document.getText(), `VERSION 0.8\n\nbuild:\n    RUN echo hi\n    FROM ${reference}\n\ntest:\n    FROM ${reference}`);

    // Without an Earthfile open: the target is picked from the workspace's (another Earthfile, unedited on disk).
    const onDisk = await openScratchEarthfile('VERSION 0.8\n\nbuild:\n    RUN echo hi\n\ntest:\n');
    await closeAllEditors();
    const target = await waitFor('the scratch Earthfile\'s target', async () =>
      (await api.earthly.targets.list()).find((t) => t.earthfile.toString() === onDisk.uri.toString() && t.target.name === 'test'),
    );
    assert.equal(target.target.line, 5);
    const prompts = await scriptPrompts([target.reference]);
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.acrInsertFrom, await tagRow('hello-world', 'v2')), true);
    assert.equal(prompts[0]?.kind, 'pick');
    const edited = vscode.window.activeTextEditor!.document;
    assert.equal(edited.uri.toString(), onDisk.uri.toString());
    assert.equal(edited.getText(), `VERSION 0.8\n\nbuild:\n    RUN echo hi\n\ntest:\n    FROM ${env.loginServer}/hello-world:v2\n`);
  });

  it('lists the registries the Earthfiles use and those added; removes what was added', async () => {
    const folder = workspaceFile('explorer-hosts');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'Earthfile'), Buffer.from('VERSION 0.8\n\nbuild:\n    FROM fromearthfile.azurecr.io/base/image:1.0\n    SAVE IMAGE --push docker.io/someone/app:latest\n'));
    try {
      const fromEarthfile = await waitFor('the Earthfile\'s registry', async () => (await tree.getChildren()).find((n) => n.kind === 'registry' && n.loginServer === 'fromearthfile.azurecr.io'));
      assert.equal(description(fromEarthfile), 'not signed in · Earthfile');
      assert.match(contextValue(fromEarthfile), /\bazure\b/);
      assert.ok(!(await tree.getChildren()).some((n) => n.kind === 'registry' && n.loginServer === 'docker.io'), 'Docker Hub is not an ACR');

      assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.acrAddRegistry, 'addedbytest'), 'addedbytest.azurecr.io');
      const added = await waitFor('the added registry', async () => (await tree.getChildren()).find((n): n is RegistryNode => n.kind === 'registry' && n.loginServer === 'addedbytest.azurecr.io'));
      assert.equal(description(added), 'not signed in · settings');
      assert.match(contextValue(added), /^acr\.registry\.signedOut settings azure$/);
      const prompts = await scriptPrompts([]);
      assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.acrRemoveRegistry, fromEarthfile), false, 'only settings entries are removed');
      assert.deepEqual(prompts.map((p) => p.message), ['fromearthfile.azurecr.io is not in the acr.registries setting; it is listed from Earthfile.']);
      assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.acrRemoveRegistry, added), true);
      await waitFor('the registry to go', async () => !(await tree.getChildren()).some((n) => n.kind === 'registry' && n.loginServer === 'addedbytest.azurecr.io'));
      const registries = vscode.workspace.getConfiguration('acr').get<{ loginServer: string }[]>('registries') ?? [];
      assert.deepEqual(registries.map((r) => r.loginServer), [env.loginServer], 'the setting is as it was');
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });

  it('untags and deletes images and repositories, as skopeo and the Azure SDK see it; a locked image is refused', async () => {
    await skopeoCopy('hello-world:v1', 'explorer/scratch:one');
    await skopeoCopy('hello-world:v1', 'explorer/scratch:two');
    await skopeoCopy('hello-world:v2', 'explorer/scratch:three');
    await refreshRegistry();
    assert.deepEqual(shown(await tree.getChildren(await repository('explorer/scratch'))), ['three', 'one', 'two']);

    let prompts = await scriptPrompts([true]);
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.acrUntag, await tagRow('explorer/scratch', 'one')), true);
    assert.deepEqual(prompts.map((p) => [p.kind, p.message, p.detail?.replace(/[0-9a-f]{12}/, 'ID')]), [
      ['confirm', `Remove the tag explorer/scratch:one from ${env.loginServer}?`, 'The image ID stays, tagged "two".'],
    ]);
    assert.equal(await skopeoFinds('explorer/scratch:one'), false);
    assert.equal(await skopeoFinds('explorer/scratch:two'), true);
    assert.deepEqual(shown(await tree.getChildren(await repository('explorer/scratch'))), ['three', 'two']);

    prompts = await scriptPrompts([false]);
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.acrDeleteImage, await tagRow('explorer/scratch', 'two')), false, 'declined');
    assert.deepEqual(prompts.map((p) => p.kind), ['confirm']);
    assert.equal(await skopeoFinds('explorer/scratch:two'), true);
    prompts = await scriptPrompts([true]);
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.acrDeleteImage, await tagRow('explorer/scratch', 'two')), true);
    assert.match(prompts[0]?.detail ?? '', /^Its only tag "two" goes with it\./);
    assert.equal(await skopeoFinds('explorer/scratch:two'), false);
    assert.equal(await skopeoFinds('explorer/scratch:three'), true);

    const three = await tagRow('explorer/scratch', 'three');
    await sdk.getArtifact('explorer/scratch', three.tag.digest).updateManifestProperties({ canWrite: false });
    await vscode.commands.executeCommand(COMMAND_IDS.acrRefresh, await repository('explorer/scratch'));
    const locked = await tagRow('explorer/scratch', 'three');
    assert.equal(contextValue(locked), 'acr.tag locked');
    assert.equal((tree.getTreeItem(locked).iconPath as vscode.ThemeIcon).id, 'lock');
    prompts = await scriptPrompts([true]);
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.acrUntag, locked), false);
    assert.deepEqual(prompts.map((p) => p.kind), ['error'], 'refused before asking');
    assert.match(prompts[0]!.message, /^Cannot untag explorer\/scratch:three: it is locked \(write-enabled: false\)/);
    assert.equal(await skopeoFinds('explorer/scratch:three'), true);
    await sdk.getArtifact('explorer/scratch', three.tag.digest).updateManifestProperties({ canWrite: true });

    prompts = await scriptPrompts([true]);
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.acrDeleteRepository, await repository('explorer/scratch')), true);
    assert.equal(prompts[0]?.message, `Delete the repository explorer/scratch from ${env.loginServer}?`);
    const names: string[] = [];
    for await (const name of sdk.listRepositoryNames()) names.push(name);
    assert.ok(!names.includes('explorer/scratch') && names.includes('hello-world'), names.join(', '));
    assert.deepEqual(shown(await tree.getChildren(await registryNode())), ['hello-world', 'library/', 'team/'], 'the emptied folder is gone');
  });

  it('pages through 10,000 repositories a page at a time with "Load more…", also past a 401 in the middle', async () => {
    await control(env, 'POST', 'bulk', {});
    try {
      const registry = await refreshRegistry();
      const top = await tree.getChildren(registry);
      assert.deepEqual(shown(top), ['bulk/', 'Load more…'], 'the first page holds only bulk/…');
      const bulk = await rowAt('bulk');
      let rows = await tree.getChildren(bulk);
      assert.equal(rows.filter((r) => r.kind === 'repository').length, 100);
      assert.deepEqual([label(rows[0]!), label(rows.at(-1)!)], ['many-tags', 'Load more…']);

      // The SDK answers the first 401 itself with a new access token; the second one the explorer, by renewing.
      await control(env, 'POST', 'faults', { kind: 'unauthorized', count: 2, pathPrefix: '/acr/v1/_catalog' });
      await vscode.commands.executeCommand(COMMAND_IDS.acrLoadMore, rows.at(-1));
      rows = await tree.getChildren(bulk);
      assert.equal(rows.filter((r) => r.kind === 'repository').length, 200);
      assert.equal(rows.at(-1)?.kind, 'loadMore');

      const manyTags = await tree.getChildren(await repository('bulk/many-tags'));
      assert.equal(manyTags.filter((t) => t.kind === 'tag').length, 5000, 'one manifest\'s 5,000 tags come in one page');
      assert.equal(manyTags.at(-1)?.kind, 'tag', 'and nothing more to load');
    } finally {
      await control(env, 'DELETE', 'bulk', {});
      await refreshRegistry();
    }
    assert.deepEqual(shown(await tree.getChildren(await registryNode())), ['hello-world', 'library/', 'team/']);
  });

  it('shows each failure as a row under the registry with the registry\'s words and its action, and recovers with Retry', async () => {
    const cases: { fault: Record<string, unknown>; text: RegExp; action: string; onNextPage?: boolean }[] = [
      { fault: { kind: 'unauthorized' }, text: /refused the credentials, also after renewing them/, action: 'Sign in' },
      { fault: { kind: 'firewall' }, text: /refused this machine \(HTTP 403, DENIED\): client with IP '127\.0\.0\.1' is not allowed access/, action: 'Retry' },
      { fault: { kind: 'throttle', retryAfterSeconds: 7 }, text: /is throttling requests \(HTTP 429, TOOMANYREQUESTS\): too many requests\. Retry in 7 s\./, action: 'Retry' },
      { fault: { kind: 'serverError' }, text: /failed \(HTTP 500, UNKNOWN\): an internal error occurred/, action: 'Retry' },
      { fault: { kind: 'malformedJson' }, text: /answered with something that is not a registry response/, action: 'Retry' },
      { fault: { kind: 'slow', delayMs: 4000, count: 1 }, text: /did not answer within 2 s/, action: 'Retry' },
      // A link back to the page just read shows on the next page: the first page's own link is not known yet.
      { fault: { kind: 'loopingLink', count: 1 }, text: /its next-page link points back at the same page/, action: 'Retry', onNextPage: true },
    ];
    await vscode.commands.executeCommand(TEST_COMMAND_IDS.acrSetCallTimeout, 2000);
    // Two pages: 150 bulk repositories before the seeded ones.
    await control(env, 'POST', 'bulk', { repositories: 150, tags: 1 });
    try {
      for (const c of cases) {
        const registry = await refreshRegistry();
        if (c.onNextPage) {
          const first = await tree.getChildren(registry);
          await control(env, 'POST', 'faults', { pathPrefix: '/acr/v1/_catalog', ...c.fault });
          await vscode.commands.executeCommand(COMMAND_IDS.acrLoadMore, first.at(-1));
        } else {
          await control(env, 'POST', 'faults', { pathPrefix: '/acr/v1/_catalog', ...c.fault });
        }
        const rows = await tree.getChildren(registry);
        const error = rows.at(-1) as MessageNode;
        const kind = String(c.fault.kind);
        assert.equal(error?.kind, 'message', `${kind}: ${shown(rows).join(', ')}`);
        assert.match(label(error), c.text);
        assert.equal(description(error), c.action);
        assert.ok(!rows.some((r) => r.kind === 'loadMore'), `${kind}: an error row, not an endless list`);
        await control(env, 'DELETE', 'faults');
        await vscode.commands.executeCommand(COMMAND_IDS.acrRetry, error);
        const recovered = await tree.getChildren(registry);
        assert.ok(recovered.some((r) => r.kind === 'folder' && label(r) === 'bulk'), `${kind}: Retry lists again: ${shown(recovered).join(', ')}`);
        assert.ok(!recovered.some((r) => r.kind === 'message'), `${kind}: the error row is gone`);
        if (c.onNextPage) assert.ok(recovered.some((r) => label(r) === 'hello-world'), `${kind}: Retry read the next page`);
      }
    } finally {
      await vscode.commands.executeCommand(TEST_COMMAND_IDS.acrSetCallTimeout, undefined);
      await control(env, 'DELETE', 'bulk', {});
      await refreshRegistry();
    }
  });

  it('pulls with podman in a terminal with the credentials sign-in wrote for it; the image is then in podman images', async () => {
    // podman trusts a registry's CA from certs.d (as root, the system's); the stand-in's CA is made per run.
    const certsDir = join('/etc/containers/certs.d', env.loginServer);
    try {
      mkdirSync(certsDir, { recursive: true });
      writeFileSync(join(certsDir, 'ca.crt'), readFileSync(join(env.certDir, 'ca.crt')));
    } catch (error) {
      assert.fail(`podman needs the test CA in ${certsDir}: run the tests as root (${String(error)})`);
    }
    const images = async (): Promise<string> => {
      const { code, stdout, stderr } = await runProgram('podman', ['images', '--format', '{{.Repository}}:{{.Tag}}']);
      assert.equal(code, 0, `podman images: ${stderr}`);
      return stdout;
    };
    const config = vscode.workspace.getConfiguration('acr');
    try {
      assert.ok(!(await images()).includes(`${env.loginServer}/team/api:1.1.0`));
      // REGISTRY_AUTH_FILE (the harness's) is the only file podman reads: sign-in writes it when asked to.
      await config.update('writeContainersAuth', true, vscode.ConfigurationTarget.Global);
      await api.acr.login({ loginServer: env.loginServer, method: 'adminUser', username: env.admin.username, password: env.admin.password });
      const auth = JSON.parse(readFileSync(process.env.REGISTRY_AUTH_FILE!, 'utf8')) as { auths: Record<string, { identitytoken?: string }> };
      assert.ok(auth.auths[env.loginServer]?.identitytoken, 'sign-in wrote podman\'s auth.json');
      await config.update('containerClient', 'podman', vscode.ConfigurationTarget.Global);
      const terminal = await vscode.commands.executeCommand<vscode.Terminal>(COMMAND_IDS.acrPull, await tagRow('team/api', '1.1.0'));
      assert.ok(terminal, 'a terminal runs the pull');
      assert.equal(terminal.name, `podman pull ${env.loginServer}/team/api:1.1.0`);
      await waitFor('podman to have the image', async () => (await images()).includes(`${env.loginServer}/team/api:1.1.0`), () => 'see the terminal');
      terminal.dispose();
      await runProgram('podman', ['rmi', `${env.loginServer}/team/api:1.1.0`]);
    } finally {
      await config.update('writeContainersAuth', undefined, vscode.ConfigurationTarget.Global);
      rmSync(certsDir, { recursive: true, force: true });
    }
  });

  it('pulls with docker (a stand-in that records its arguments: docker is not installable here), and says what to do without a client', async () => {
    await vscode.workspace.getConfiguration('acr').update('containerClient', 'auto', vscode.ConfigurationTarget.Global);
    const calls = (): { argv: string[]; credentials: boolean }[] =>
      existsSync(env.dockerCliLog) ? readFileSync(env.dockerCliLog, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { argv: string[]; credentials: boolean }) : [];
    const before = calls().length;
    const terminal = await vscode.commands.executeCommand<vscode.Terminal>(COMMAND_IDS.acrPull, await tagRow('hello-world', 'v1'));
    assert.equal(terminal?.name, `docker pull ${env.loginServer}/hello-world:v1`, 'auto picks docker first');
    const call = await waitFor('the docker stand-in to run', () => calls()[before]);
    assert.deepEqual(call, { argv: ['pull', `${env.loginServer}/hello-world:v1`], credentials: true }, 'docker finds the identity token sign-in wrote; none on the command line');
    terminal?.dispose();

    const path = process.env.PATH;
    const prompts = await scriptPrompts([]);
    try {
      process.env.PATH = '/nonexistent';
      assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.acrPull, await tagRow('hello-world', 'v1')), undefined);
    } finally {
      process.env.PATH = path;
    }
    assert.deepEqual(prompts.map((p) => [p.kind, p.message]), [['error', 'Cannot pull: neither docker nor podman is on PATH. Install one, or copy the command and run it where one is.']]);
  });

  it('lists the registries of the Azure subscriptions an Entra ID sign-in sees, grouped by subscription, and only the selected subscriptions', async () => {
    const config = vscode.workspace.getConfiguration('acr');
    const subscriptions = (nodes: readonly ExplorerNode[]) => nodes.filter((n) => n.kind === 'subscription').map(label);
    // The harness may point the session at the stand-in already (the browser flows' screenshots); restored after.
    const previous = config.inspect<string>('resourceManagerEndpoint')?.globalValue;
    try {
      // The stand-in serves Resource Manager at its own address; ARM tokens keep the public cloud's audience.
      await config.update('resourceManagerEndpoint', env.endpoint, vscode.ConfigurationTarget.Global);
      await api.acr.login({ loginServer: env.loginServer, method: 'servicePrincipal', tenantId: env.tenantId, clientId: env.servicePrincipal.clientId, clientSecret: env.servicePrincipal.clientSecret });
      const roots = await waitFor('the subscriptions', async () => {
        const nodes = await tree.getChildren();
        return subscriptions(nodes).length > 0 ? nodes : undefined;
      });
      assert.deepEqual(subscriptions(roots), ['Contoso Development', 'Contoso Production', 'Contoso Sandbox']);
      assert.ok(!roots.some((n) => n.kind === 'registry' && n.loginServer === env.loginServer), 'the signed-in registry is under its subscription');
      const production = roots.find((n) => label(n) === 'Contoso Production')!;
      assert.equal(contextValue(production), 'acr.subscription');
      const registries = await tree.getChildren(production);
      assert.deepEqual(registries.map(label), ['contosomirror.azurecr.io', 'contosoprod.azurecr.io', env.loginServer], 'by registry name');
      assert.equal(description(registries[0]!), 'not signed in · Azure');
      // The scratch Earthfiles of the Insert FROM test may still name it, for the language server.
      assert.match(description(registries[2]!), /^\d+h \d+m left · settings, signed in, (Earthfile, )?Azure$/);
      assert.match(contextValue(registries[1]!), /^acr\.registry\.signedOut azure$/, 'an Azure registry opens in the portal');
      assert.deepEqual(shown(await tree.getChildren(registries[2]!)), ['hello-world', 'library/', 'team/'], 'browsed as any other');
      const sandbox = roots.find((n) => label(n) === 'Contoso Sandbox')!;
      assert.deepEqual(shown(await tree.getChildren(sandbox)), ['No registries']);

      const prompts = await scriptPrompts([['Contoso Development']]);
      assert.equal(((await vscode.commands.executeCommand(COMMAND_IDS.acrSelectSubscriptions)) as string[]).length, 1);
      assert.equal(prompts[0]?.detail, '[x] Contoso Development\n[x] Contoso Production\n[x] Contoso Sandbox', 'all were listed before');
      const chosen = await tree.getChildren();
      assert.deepEqual(subscriptions(chosen), ['Contoso Development']);
      assert.ok(chosen.some((n) => n.kind === 'registry' && n.loginServer === env.loginServer), 'back among the registries from settings');
      await scriptPrompts([['Contoso Development', 'Contoso Production', 'Contoso Sandbox']]);
      await vscode.commands.executeCommand(COMMAND_IDS.acrSelectSubscriptions);
      assert.equal(subscriptions(await tree.getChildren()).length, 3);
    } finally {
      await config.update('resourceManagerEndpoint', previous, vscode.ConfigurationTarget.Global);
      await api.acr.logout(env.loginServer);
    }
    assert.deepEqual(subscriptions(await tree.getChildren()), [], 'without an Entra ID sign-in, no subscriptions');
  });

  it('explains itself when a row command runs without its row', async () => {
    const prompts = await scriptPrompts([]);
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.acrUntag), undefined);
    assert.deepEqual(prompts.map((p) => p.message), ['Run "ACR: Untag" from a row of the Registries view.']);
  });
});
