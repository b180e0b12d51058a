// The elements of the Registries tree: plain data that commands receive as their argument. Each has an id
// that stays the same across refreshes; the tree hands out one object per id, as VS Code requires of
// elements it is told have changed.
import type { TagInfo } from '../../registry/dataSource';
import type { RegistryError } from '../../registry/registryErrors';

export interface RegistryNode {
  readonly kind: 'registry';
  readonly id: string;
  readonly loginServer: string;
}

export interface SubscriptionNode {
  readonly kind: 'subscription';
  readonly id: string;
  readonly subscriptionId: string;
}

export interface FolderNode {
  readonly kind: 'folder';
  readonly id: string;
  readonly loginServer: string;
  readonly path: string;
}

export interface RepositoryNode {
  readonly kind: 'repository';
  readonly id: string;
  readonly loginServer: string;
  readonly repository: string;
}

export interface TagNode {
  readonly kind: 'tag';
  readonly id: string;
  readonly loginServer: string;
  readonly repository: string;
  /** Replaced when a later listing says more about it. */
  tag: TagInfo;
}

/** A node whose children are a list that loads a page at a time. */
export type ListNode = RegistryNode | FolderNode | RepositoryNode;

export interface LoadMoreNode {
  readonly kind: 'loadMore';
  readonly id: string;
  readonly loginServer: string;
  readonly list: ListNode;
}

/** A row that only says something: an error with the action that fixes it, an empty list, "Sign in". */
export interface MessageNode {
  readonly kind: 'message';
  readonly id: string;
  readonly loginServer: string;
  readonly list?: ListNode;
  text: string;
  error?: RegistryError;
}

export type ExplorerNode = RegistryNode | SubscriptionNode | FolderNode | RepositoryNode | TagNode | LoadMoreNode | MessageNode;

/** The catalog folder a list node shows ('' for the registry itself). */
export const folderPathOf = (node: RegistryNode | FolderNode): string => (node.kind === 'registry' ? '' : node.path);

export const nodeIds = {
  registry: (loginServer: string) => `registry:${loginServer}`,
  subscription: (subscriptionId: string) => `subscription:${subscriptionId}`,
  folder: (loginServer: string, path: string) => `folder:${loginServer}/${path}`,
  repository: (loginServer: string, repository: string) => `repository:${loginServer}/${repository}`,
  tag: (loginServer: string, repository: string, tag: string) => `tag:${loginServer}/${repository}:${tag}`,
  loadMore: (list: ListNode) => `more:${list.id}`,
  message: (owner: string, what: 'error' | 'empty' | 'signIn' | 'pending') => `${what}:${owner}`,
};
