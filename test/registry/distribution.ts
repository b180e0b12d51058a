// CNCF distribution (Debian's `docker-registry`) as a child process: a config bound to 127.0.0.1 with
// token auth pointing at our token service, started detached so that stopping kills its whole group.
import type { ChildProcess } from 'node:child_process';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { spawnGroup, stopGroup } from '../harness/processes';

export const DISTRIBUTION_BINARY = 'docker-registry';
export const TOKEN_ISSUER = 'Azure Container Registry';

export interface DistributionOptions {
  readonly dir: string;
  readonly port: number;
  readonly storageDir: string;
  readonly realm: string;
  readonly service: string;
  /** The CA that signed the token-signing certificate. */
  readonly rootCertBundle: string;
}

export interface Distribution {
  readonly process: ChildProcess;
  readonly url: string;
  readonly logFile: string;
}

function config(o: DistributionOptions): string {
  // JSON is YAML, and needs no quoting rules of our own.
  return JSON.stringify({
    version: 0.1,
    log: { level: 'info', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: o.storageDir }, delete: { enabled: true }, maintenance: { uploadpurging: { enabled: false } } },
    http: { addr: `127.0.0.1:${o.port}`, headers: { 'X-Content-Type-Options': ['nosniff'] } },
    auth: { token: { realm: o.realm, service: o.service, issuer: TOKEN_ISSUER, rootcertbundle: o.rootCertBundle } },
  }, null, 2);
}

function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(`${url}/v2/`, { timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 401 || res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** Starts distribution and resolves once `/v2/` answers; rejects with its log when it exits first. */
export async function startDistribution(o: DistributionOptions): Promise<Distribution> {
  const configFile = join(o.dir, 'distribution.yml');
  writeFileSync(configFile, config(o));
  const logFile = join(o.dir, 'distribution.log');
  const log = openSync(logFile, 'a');
  const child = spawnGroup(DISTRIBUTION_BINARY, ['serve', configFile], { stdio: ['ignore', log, log] });
  const url = `http://127.0.0.1:${o.port}`;
  let exited = false;
  child.on('exit', () => (exited = true));
  child.on('error', () => (exited = true));
  const deadline = Date.now() + 15000;
  while (!exited && Date.now() < deadline) {
    if (await answers(url)) return { process: child, url, logFile };
    await new Promise((r) => setTimeout(r, 50));
  }
  await stopGroup(child, 1000);
  throw new Error(`docker-registry did not start on ${url}:\n${readFileSync(logFile, 'utf8').slice(-3000)}`);
}
