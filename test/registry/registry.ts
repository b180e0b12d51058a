// startRegistry(): a local stand-in for Azure Container Registry and Entra ID. It makes a test CA,
// starts our HTTPS front on a free port, writes a distribution config whose token auth points at the
// front, starts distribution, and waits for both. stop() kills distribution and removes the folder.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../harness/codeServer';
import { requirePrerequisites } from '../harness/prerequisites';
import { run, stopGroup } from '../harness/processes';
import { ArmApi } from './armApi';
import { defaultArmResources, type ArmResources } from './armResources';
import { createCertificates } from './certificates';
import { controlRoutes } from './controlRoutes';
import { defaultDirectory, type Directory } from './directory';
import { startDistribution, type Distribution, type DistributionOptions } from './distribution';
import { EntraStandIn } from './entra';
import { Faults } from './faults';
import { ALL_METHODS, startFront } from './front';
import { MetadataApi } from './metadataApi';
import { passThrough } from './passthrough';
import { REGISTRY_PREREQUISITES } from './prerequisites';
import { StorageLayout } from './storageLayout';
import { DEFAULT_LIFETIMES, TokenService, type Lifetimes } from './tokenService';

export interface RegistryOptions {
  /** Tenants, applications, users, admin user, scoped tokens; `defaultDirectory()` when absent. */
  readonly directory?: Directory;
  readonly lifetimes?: Partial<Lifetimes>;
  /** Accept Entra tokens whose audience is ARM (default true), as ACR does unless that is disabled. */
  readonly armAudience?: boolean;
  /** Replaces parts of `defaultArmResources()`: subscriptions, registries, page size. */
  readonly arm?: Partial<ArmResources>;
  /** Request lines and errors, never tokens. */
  readonly log?: (line: string) => void;
}

export interface Registry {
  /** `127.0.0.1:<port>`: login server, token `service`, and the host of every URL below. */
  readonly loginServer: string;
  /** `https://127.0.0.1:<port>`: the ACR endpoint and also the Entra ID `authorityHost`. */
  readonly endpoint: string;
  readonly caFile: string;
  readonly caPem: string;
  /** The test service principal's certificate and private key (PEM), registered on it in the default directory. */
  readonly clientCertificateFile: string;
  /** A folder holding `ca.crt` only, for `skopeo --cert-dir` and docker's `certs.d`. */
  readonly certDir: string;
  readonly directory: Directory;
  /** Change while running to make tokens expire sooner. */
  readonly lifetimes: Lifetimes;
  readonly faults: Faults;
  readonly tokens: TokenService;
  readonly entra: EntraStandIn;
  readonly metadata: MetadataApi;
  /** What Azure Resource Manager lists (subscriptions, registries, page size); change while running. */
  readonly arm: ArmResources;
  /** distribution's storage, `<dir>/storage` (filesystem driver). */
  readonly storage: StorageLayout;
  /** The temporary folder holding everything; removed by stop(). */
  readonly dir: string;
  readonly distributionLog: string;
  readonly distributionPid: number;
  stop(): Promise<void>;
}

/** tmpfs where there is one: on a disk, creating and removing 10,000 repositories takes minutes. */
function temporaryRoot(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/** Another process may take the free port before distribution binds it: then try another. */
async function startDistributionOnFreePort(options: Omit<DistributionOptions, 'port'>): Promise<Distribution> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startDistribution({ ...options, port: await freePort() });
    } catch (error) {
      if (attempt === 3 || !/address already in use/.test(String(error))) throw error;
    }
  }
}

export async function startRegistry(options: RegistryOptions = {}): Promise<Registry> {
  requirePrerequisites(REGISTRY_PREREQUISITES);
  const dir = mkdtempSync(join(temporaryRoot(), 'earthly-acr-registry-'));
  const log = options.log ?? (() => undefined);
  let stopDistribution = async (): Promise<void> => undefined;
  let closeFront = async (): Promise<void> => undefined;
  // The harness kills distribution's group on exit; this removes the folder when nobody called stop().
  const removeOnExit = (): void => void spawnSync('rm', ['-rf', dir]);
  process.on('exit', removeOnExit);
  const stop = async (): Promise<void> => {
    process.off('exit', removeOnExit);
    await Promise.all([stopDistribution(), closeFront()]);
    // rm is many times faster than Node's recursive rmSync on a tree of 200,000 entries.
    await run('rm', ['-rf', dir]);
  };
  try {
    const certDir = join(dir, 'certs');
    mkdirSync(certDir);
    const certificates = await createCertificates(dir);
    writeFileSync(join(certDir, 'ca.crt'), certificates.caPem);
    const directory = options.directory ?? defaultDirectory(certificates.clientCertificate.certificatePem);
    const lifetimes: Lifetimes = { ...DEFAULT_LIFETIMES, ...options.lifetimes };
    const storage = new StorageLayout(join(dir, 'storage'));
    const faults = new Faults();
    const front = await startFront({ certPem: certificates.serverCertPem, keyPem: certificates.serverKeyPem, intercept: faults.intercept, log });
    closeFront = () => front.close();
    const loginServer = `127.0.0.1:${front.port}`;
    const tokens = new TokenService({
      loginServer, acrSigner: certificates.acrSigner, entraSigner: certificates.entraSigner, directory, lifetimes, armAudience: options.armAudience ?? true,
    });
    const entra = new EntraStandIn(loginServer, certificates.entraSigner, directory, lifetimes);
    const metadata = new MetadataApi(loginServer, tokens, storage, faults);
    const arm: ArmResources = { ...defaultArmResources(loginServer, directory), ...options.arm };
    const armApi = new ArmApi(loginServer, certificates.entraSigner, directory, arm);
    const distribution = await startDistributionOnFreePort({ dir, storageDir: storage.root, realm: tokens.realm, service: loginServer, rootCertBundle: certificates.caFile });
    stopDistribution = () => stopGroup(distribution.process, 2000);
    front.serve({
      control: controlRoutes({ faults, tokens, entra, lifetimes, directory, arm, bulk: { storage, metadata } }),
      routes: [...entra.routes, ...armApi.routes, ...tokens.routes, ...metadata.routes, { methods: ALL_METHODS, path: /^\/v2\//, handle: passThrough(distribution.url, tokens, metadata) }],
    });
    return {
      loginServer, endpoint: `https://${loginServer}`, caFile: certificates.caFile, caPem: certificates.caPem, clientCertificateFile: certificates.clientCertificate.file, certDir,
      directory, lifetimes, faults, tokens, entra, metadata, arm, storage, dir, distributionLog: distribution.logFile, distributionPid: distribution.process.pid!, stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
