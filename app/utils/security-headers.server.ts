// Security headers with a strict Content-Security-Policy: scripts only from
// our origin or with this response's nonce (Remix's inline scripts carry it).
import type { RequestHandler, Response } from 'express'
import helmet from 'helmet'

export function securityHeaders({ isProduction }: { isProduction: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': isProduction
          ? ["'self'", (_req, res) => `'nonce-${(res as Response).locals.cspNonce as string}'`]
          : // Vite's dev client injects inline scripts and evaluates modules.
            ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': isProduction ? ["'self'"] : ["'self'", 'ws:', 'wss:'],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
        'base-uri': ["'self'"],
        'object-src': ["'none'"],
        // No upgrade-insecure-requests: the production build must work over
        // plain http://localhost.
      },
    },
    // Over plain http://localhost a Strict-Transport-Security header is
    // ignored by browsers; behind TLS it belongs to the proxy that terminates it.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  })
}
