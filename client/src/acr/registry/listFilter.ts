// Filters typed on a node of the explorer, kept per node. ACR's listings cannot filter by name (the
// catalog takes only `n` and `last`, the manifests listing `n`, `last` and `orderby`), so filters apply to
// what has been loaded, and a filtered list loads further pages until something matches.

export type NameMatcher = (name: string) => boolean;

/** `^api`: names that start with "api"; other text: names that contain it; case ignored; empty: all. */
export function nameMatcher(text: string): NameMatcher {
  const wanted = text.trim().toLowerCase();
  if (wanted === '' || wanted === '^') return () => true;
  if (wanted.startsWith('^')) return (name) => name.toLowerCase().startsWith(wanted.slice(1));
  return (name) => name.toLowerCase().includes(wanted);
}

export class NodeFilters {
  private readonly texts = new Map<string, string>();

  /** Empty text removes the node's filter. */
  set(nodeId: string, text: string): void {
    if (text.trim() === '') this.texts.delete(nodeId);
    else this.texts.set(nodeId, text.trim());
  }

  text(nodeId: string): string {
    return this.texts.get(nodeId) ?? '';
  }

  matcher(nodeId: string): NameMatcher {
    return nameMatcher(this.text(nodeId));
  }
}
