// The sign-in methods as the login picker lists them: the one last used for the registry first, and the
// Azure CLI explained rather than offered when `az` is not on PATH.
import { SIGN_IN_METHODS } from './methodTable';
import type { SignInMethod } from './signInMethods';

export interface MethodChoice {
  readonly method: SignInMethod;
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  /** False when the method cannot work here; picking it explains why. */
  readonly available: boolean;
}

export function methodChoices(lastUsed: SignInMethod | undefined, azureCliFound: boolean): MethodChoice[] {
  const methods = (Object.keys(SIGN_IN_METHODS) as SignInMethod[]).sort((a, b) => Number(b === lastUsed) - Number(a === lastUsed));
  return methods.map((method) => {
    if (method === 'azureCli' && !azureCliFound) {
      return { method, label: SIGN_IN_METHODS[method].label, description: 'az not found on PATH', detail: 'Install the Azure CLI and run "az login" to use this method.', available: false };
    }
    return { method, label: SIGN_IN_METHODS[method].label, ...(method === lastUsed ? { description: 'last used' } : {}), available: true };
  });
}
