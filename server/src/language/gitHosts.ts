// Where a remote Earthfile (`github.com/org/repo/sub/dir:ref+target`, reference §7) can be read on the
// web. Earthly clones `host/owner/repo` and reads the rest of the path as a directory in it (earthly
// `buildcontext/gitlookup.go`); only hosts whose web pages have a known shape get a link.

/** The web page of a file of a repository, for each host: `path` is `sub/dir/Earthfile`. */
type FilePage = (owner: string, repo: string, ref: string, path: string) => string;

const bitbucket: FilePage = (owner, repo, ref, path) => `https://bitbucket.org/${owner}/${repo}/src/${ref}/${path}`;

const FILE_PAGES: ReadonlyMap<string, FilePage> = new Map([
  ['github.com', (owner, repo, ref, path) => `https://github.com/${owner}/${repo}/blob/${ref}/${path}`],
  ['gitlab.com', (owner, repo, ref, path) => `https://gitlab.com/${owner}/${repo}/-/blob/${ref}/${path}`],
  // Earthly's own matcher is spelled bitbucket.com; the site is bitbucket.org.
  ['bitbucket.org', bitbucket],
  ['bitbucket.com', bitbucket],
]);

/** What the web link names when the reference gives no ref: the repository's default branch. */
const DEFAULT_REF = 'HEAD';

/**
 * The web page of the Earthfile of a remote reference: `repo` is the part before the `:` (host, owner,
 * repository, then any sub-directory) and `ref` the branch, tag or commit after it. Undefined for hosts
 * without a known page shape and for paths too short to name a repository.
 */
export function remoteEarthfileUrl(repo: string, ref: string | undefined): string | undefined {
  const [host, owner, name, ...dir] = repo.split('/');
  const page = FILE_PAGES.get(host.toLowerCase());
  if (!page || !owner || !name) return undefined;
  const path = [...dir.filter((part) => part !== ''), 'Earthfile'].map(encodeURIComponent).join('/');
  const refPath = (ref || DEFAULT_REF).split('/').map(encodeURIComponent).join('/');
  return page(encodeURIComponent(owner), encodeURIComponent(name.replace(/\.git$/, '')), refPath, path);
}
