// Which slice of a list a page is: the requested page clamped to 1..pages
// (a malformed or too large page number shows the nearest real page).
export interface PageWindow {
  page: number
  pages: number
  skip: number
  take: number
}

export function pageWindow(total: number, requested: number, size: number): PageWindow {
  const pages = Math.max(1, Math.ceil(total / size))
  const page = Math.min(Math.max(1, Number.isFinite(requested) ? Math.floor(requested) : 1), pages)
  return { page, pages, skip: (page - 1) * size, take: size }
}

/** The query string of a GET filter form without its empty fields. */
export function filledParams(url: URL): Record<string, string> {
  return Object.fromEntries([...url.searchParams].filter(([, value]) => value !== ''))
}
