// Token scopes (`repository:team/api:pull,push`, `registry:catalog:*`): parsing, and what an identity's
// grants allow of them. Names may contain `/`, so the type ends at the first colon and the actions
// start after the last one.
import { actionsOn, type GrantedAction, type Grants } from './directory';

export interface Access {
  readonly type: string;
  readonly name: string;
  readonly actions: readonly string[];
}

const SCOPE = /^([a-z-]+):([^\s]+):([a-z_*,]+)$/;

/** Scopes from repeated and space-separated `scope` parameters; undefined when one is malformed. */
export function parseScopes(values: readonly string[]): Access[] | undefined {
  const scopes: Access[] = [];
  for (const value of values.flatMap((v) => v.split(' ')).filter(Boolean)) {
    const match = SCOPE.exec(value);
    if (!match) return undefined;
    scopes.push({ type: match[1]!, name: match[2]!, actions: match[3]!.split(',').filter(Boolean) });
  }
  return scopes;
}

export const formatScope = (access: Access): string => `${access.type}:${access.name}:${access.actions.join(',')}`;

function allowedActions(grants: Grants, access: Access): string[] {
  if (access.type === 'registry') {
    const everywhere = actionsOn(grants, '*');
    const listsCatalog = everywhere.includes('*') || everywhere.includes('catalog');
    return access.name === 'catalog' && listsCatalog ? access.actions.filter((a) => a === '*') : [];
  }
  if (access.type !== 'repository' && access.type !== 'artifact-repository') return [];
  const allowed = actionsOn(grants, access.name);
  return allowed.includes('*') ? [...access.actions] : access.actions.filter((a) => a !== 'catalog' && allowed.includes(a as GrantedAction));
}

/** The part of each requested scope that `grants` allows; scopes allowing nothing are dropped. */
export function grantedAccess(grants: Grants, requested: readonly Access[]): Access[] {
  return requested.map((access) => ({ ...access, actions: allowedActions(grants, access) })).filter((a) => a.actions.length > 0);
}

/** Whether the `access` claim of a token covers `action` on `type:name`. */
export function covers(access: readonly Access[], type: string, name: string, action: string): boolean {
  return access.some((a) => a.type === type && a.name === name && (a.actions.includes(action) || a.actions.includes('*')));
}
