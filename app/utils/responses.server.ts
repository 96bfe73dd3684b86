// The thrown Responses for "not there" and "not allowed". Remix shows them in
// the nearest ErrorBoundary, translated there; a forbidden invite-only thing
// is a 404 so that its existence does not leak.
export function notFound(): Response {
  return new Response('Not found', { status: 404 })
}

export function forbidden(): Response {
  return new Response('Forbidden', { status: 403 })
}
