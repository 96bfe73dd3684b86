// Cross-site request refusal (Lucia's CSRF advice): every request that can
// change something (anything but GET, HEAD, OPTIONS) must come from our own
// origin. Browsers send Sec-Fetch-Site and Origin on such requests; when
// either says "another site", the request is refused with 403.

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export interface RequestOriginInfo {
  method: string
  /** The Host header as the browser sent it (host[:port]). */
  host: string | undefined
  origin: string | undefined
  secFetchSite: string | undefined
}

export function isCrossSiteRequest({ method, host, origin, secFetchSite }: RequestOriginInfo): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return false
  if (secFetchSite !== undefined && secFetchSite !== 'same-origin' && secFetchSite !== 'none') return true
  if (origin !== undefined) {
    if (origin === 'null') return true
    try {
      return new URL(origin).host !== host
    } catch {
      return true
    }
  }
  return false
}
