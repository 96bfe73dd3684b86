// The thrown Responses for "not there" and "not allowed". Remix shows them in
// the nearest ErrorBoundary, translated there; a forbidden invite-only thing
// is a 404 so that its existence does not leak.
export function notFound(): Response {
  return new Response('Not found', { status: 404 })
}

export function forbidden(): Response {
  return new Response('Forbidden', { status: 403 })
}

/** A file the browser saves rather than shows (exports, CSV, calendars opened elsewhere). */
export function attachment(file: { filename: string; contentType: string; text: string }): Response {
  return new Response(file.text, {
    headers: {
      'Content-Type': file.contentType,
      // The name is ours (a slug), so plain quoting is enough.
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
