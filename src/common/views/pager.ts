/** What views/partials/pager.hbs renders. */
export interface Pager {
  page: number;
  pages: number;
  total: number;
  prev?: string;
  next?: string;
  /** Set when the requested page lies beyond the last one: the link to the last page (redirect there). */
  beyond?: string;
}

/** Pages use `?page=` (1-based); anything that is not a positive integer means page 1. */
export function pageWindow(pageParam: string | undefined, size: number): { page: number; limit: number; offset: number } {
  const parsed = Number.parseInt(pageParam ?? '', 10);
  const page = Number.isFinite(parsed) && parsed > 0 ? Math.min(parsed, 100_000) : 1;
  return { page, limit: size, offset: (page - 1) * size };
}

/** Links to the previous and next page that keep the page's other filters. */
export function buildPager(path: string, filters: Record<string, string | undefined>, page: number, size: number, total: number): Pager {
  const pages = Math.max(1, Math.ceil(total / size));
  const link = (target: number) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    if (target > 1) params.set('page', String(target));
    const qs = params.toString();
    return qs ? `${path}?${qs}` : path;
  };
  return {
    page,
    pages,
    total,
    prev: page > 1 ? link(Math.min(page - 1, pages)) : undefined,
    next: page < pages ? link(page + 1) : undefined,
    beyond: page > pages ? link(pages) : undefined,
  };
}
