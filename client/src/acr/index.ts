// The ACR wing's public face: what the rest of the extension uses of it. The Earthly runner imports
// nothing else from acr/: it renews and signs in to the registries a run uses, named as ACR names them.
export { registerAcr, type AcrApi } from './vscode/acrCommands';
export { readAcrSettings } from './vscode/acrSettings';
export { loginServerOf, type AcrSettings } from './auth/signInTarget';
export { cloudOfLoginServer } from './cloud/loginServer';
