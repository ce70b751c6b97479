// The roadmap search as a URL says it: shareable, bookmarkable, the same for the page and the API.
import { z } from 'zod';
import { entryKinds, entryStatuses } from './schema.ts';

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === '' ? [] : (Array.isArray(v) ? v : [v]).filter((x) => x !== '')), z.array(item).max(50));
const optionalYear = () =>
  z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().int().min(1900).max(2100).optional());

export const roadmapSorts = ['relevance', 'identifier', 'year', 'title'] as const;
export type RoadmapSort = (typeof roadmapSorts)[number];

export const roadmapQuery = z.object({
  q: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().max(200)).default(''),
  organization: list(z.string().max(100)),
  status: list(z.enum(entryStatuses)),
  kind: list(z.enum(entryKinds)),
  topic: list(z.string().max(100)),
  yearFrom: optionalYear(),
  yearTo: optionalYear(),
  sort: z.enum(roadmapSorts).optional(),
  page: z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().int().min(1).max(10_000).default(1)),
  pageSize: z.preprocess((v) => (v === '' || v === undefined ? undefined : v), z.coerce.number().int().min(1).max(500).default(50)),
});
export type RoadmapQuery = z.output<typeof roadmapQuery>;

/** The query string for a search, leaving out defaults, so links stay short and shareable. */
export function queryString(query: Partial<RoadmapQuery>): string {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const key of ['organization', 'status', 'kind', 'topic'] as const) for (const v of query[key] ?? []) params.append(key, v);
  if (query.yearFrom) params.set('yearFrom', String(query.yearFrom));
  if (query.yearTo) params.set('yearTo', String(query.yearTo));
  if (query.sort) params.set('sort', query.sort);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  if (query.pageSize && query.pageSize !== 50) params.set('pageSize', String(query.pageSize));
  const s = params.toString();
  return s ? `?${s}` : '';
}
