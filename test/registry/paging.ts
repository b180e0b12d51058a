// `n`/`last` paging and `orderby` for the ACR listings, with ACR's `Link` header
// (`</acr/v1/_catalog?last=a%2Fb&n=1&orderby=>; rel="next"`; none on the last page).
import { RequestError } from './acrErrors';

/** ACR's page size when `n` is absent. */
export const DEFAULT_PAGE_SIZE = 100;
export const ORDERS = ['', 'timedesc', 'timeasc'] as const;
export type Order = (typeof ORDERS)[number];

export interface Pageable {
  readonly key: string;
  readonly updated: bigint;
}

export function orderOf(query: URLSearchParams): Order {
  const order = query.get('orderby') ?? '';
  if (!(ORDERS as readonly string[]).includes(order)) throw new RequestError(400, 'UNSUPPORTED', `orderby must be timedesc or timeasc, not "${order}"`);
  return order as Order;
}

function pageSize(query: URLSearchParams): number {
  const n = query.get('n');
  if (n === null || n === '') return DEFAULT_PAGE_SIZE;
  if (!/^\d{1,9}$/.test(n) || Number(n) < 1) throw new RequestError(400, 'PAGINATION_NUMBER_INVALID', `invalid number of results requested: "${n}"`);
  return Number(n);
}

function sorted<T extends Pageable>(items: readonly T[], order: Order): readonly T[] {
  if (order === '') return items;
  const sign = order === 'timedesc' ? -1 : 1;
  return [...items].sort((a, b) => (a.updated === b.updated ? (a.key < b.key ? -1 : 1) : a.updated < b.updated ? -sign : sign));
}

/**
 * One page of `items` (sorted by key) after `last`, and the `Link` to the next one. `loop` makes the
 * link point at this very page (a fault).
 */
export function paginate<T extends Pageable>(items: readonly T[], url: URL, loop: boolean): { page: T[]; headers: Record<string, string> } {
  const order = orderOf(url.searchParams);
  const n = pageSize(url.searchParams);
  const last = url.searchParams.get('last');
  const all = sorted(items, order);
  let start = 0;
  if (last !== null && last !== '') {
    const at = order === '' ? -1 : all.findIndex((item) => item.key === last);
    start = at >= 0 ? at + 1 : all.findIndex((item) => item.key > last);
    if (start < 0) start = all.length;
  }
  const page = all.slice(start, start + n);
  const more = start + n < all.length;
  const digest = url.searchParams.get('digest');
  const next = `${url.pathname}?last=${encodeURIComponent(page.at(-1)?.key ?? '')}&n=${n}&orderby=${order}${digest ? `&digest=${encodeURIComponent(digest)}` : ''}`;
  const link = loop ? `${url.pathname}${url.search}` : more ? next : undefined;
  return { page, headers: link ? { Link: `<${link}>; rel="next"` } : {} };
}
