// Wiring only: configuration, the database, Express with the Remix app,
// socket.io on the same HTTP server, and a graceful shutdown.
import crypto from 'node:crypto'
import http from 'node:http'
import path from 'node:path'
import { createRequestHandler } from '@remix-run/express'
import type { ServerBuild } from '@remix-run/node'
import compression from 'compression'
import express from 'express'
import { isCrossSiteRequest } from './app/auth/csrf.server'
import { sessionCookie } from './app/auth/cookie.server'
import { deleteExpiredSessions } from './app/auth/session.server'
import { startMailWorker } from './app/services/mail.server'
import { startReminderSchedule } from './app/services/masterclass-reminders.server'
import { prepareApp } from './app/services/startup.server'
import { checkDatabase, prepareDatabase, prisma } from './app/utils/db.server'
import { EnvError, env, type Env } from './app/utils/env.server'
import { buildLoadContext } from './app/utils/load-context.server'
import { logger } from './app/utils/logger.server'
import { applyMigrations } from './app/utils/migrate.server'
import { securityHeaders } from './app/utils/security-headers.server'
import { resources } from './app/i18n/config'
import { createCollabServer } from './app/realtime/collab.server'

async function main() {
  let config: Env
  try {
    config = env()
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }
  const isProduction = config.NODE_ENV === 'production'

  applyMigrations(config.DATABASE_URL)
  await prepareDatabase()
  const startup = await prepareApp({
    seedDemo: config.SEED_DEMO,
    adminEmail: config.ADMIN_EMAIL,
    adminPassword: config.ADMIN_PASSWORD,
  })

  const viteDevServer = isProduction
    ? undefined
    : await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))

  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', config.TRUST_PROXY)

  app.use((req, res, next) => {
    const start = process.hrtime.bigint()
    res.on('finish', () => {
      logger.info(
        {
          method: req.method,
          path: redactTokens(req.path),
          status: res.statusCode,
          ms: Number((process.hrtime.bigint() - start) / 1_000_000n),
          ip: req.ip,
        },
        'request',
      )
    })
    next()
  })

  app.use((req, res, next) => {
    res.locals.cspNonce = crypto.randomBytes(16).toString('base64')
    next()
  })
  app.use(securityHeaders({ isProduction }))
  app.use(compression())

  app.get('/healthz', async (_req, res) => {
    const database = (await checkDatabase()) ? 'ok' : 'unavailable'
    res.status(database === 'ok' ? 200 : 503).json({ status: database === 'ok' ? 'ok' : 'error', database })
  })

  // Refuse cross-site requests that could change something (CSRF).
  app.use((req, res, next) => {
    if (
      isCrossSiteRequest({
        method: req.method,
        host: req.get('host'),
        origin: req.get('origin'),
        secFetchSite: req.get('sec-fetch-site'),
      })
    ) {
      logger.warn({ method: req.method, path: redactTokens(req.path), origin: req.get('origin') }, 'cross-site request refused')
      res
        .status(403)
        .type('text/plain; charset=utf-8')
        .send(crossSiteMessage(req.get('accept-language')))
      return
    }
    next()
  })

  if (viteDevServer) {
    app.use(viteDevServer.middlewares)
  } else {
    const clientDir = path.resolve('build/client')
    app.use('/assets', express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y' }))
    app.use(express.static(clientDir, { maxAge: '1h' }))
  }
  app.use(express.static('public', { maxAge: '1h' }))

  const build = viteDevServer
    ? () => viteDevServer.ssrLoadModule('virtual:remix/server-build') as Promise<ServerBuild>
    : ((await import(/* @vite-ignore */ path.resolve('build/server/index.js'))) as ServerBuild)

  app.all(
    '*',
    createRequestHandler({
      build,
      mode: config.NODE_ENV,
      getLoadContext: async (req, res) => {
        const context = await buildLoadContext(req.get('cookie'), req.ip ?? 'unknown', res.locals.cspNonce as string)
        // The sliding expiry moved: send the cookie again with the new lifetime.
        if (context.session?.refreshed) {
          res.append('Set-Cookie', sessionCookie(context.session.token, context.session.expiresAt))
        }
        return context
      },
    }),
  )

  const server = http.createServer(app)
  // Idle keep-alive connections are closed by the client first (undici after
  // 4 s, browsers and proxies after about a minute), not by us at Node's 5 s:
  // a server that closes just as a client reuses the connection makes that
  // client's POST fail with "other side closed", and a POST is not retried.
  server.keepAliveTimeout = 65_000
  server.headersTimeout = 66_000
  // socket.io with the live documents' namespace (/collab), on the same HTTP server.
  const { io, collab } = createCollabServer(server, { appUrl: config.APP_URL })
  const mailWorker = startMailWorker()
  const sessionSweep = setInterval(
    () => {
      deleteExpiredSessions().catch((error: unknown) => logger.error({ err: error }, 'deleting expired sessions failed'))
    },
    60 * 60 * 1000,
  )
  sessionSweep.unref()
  // Masterclass reminders are scheduled from the database; this only looks for due ones.
  const reminders = startReminderSchedule()

  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve))
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : config.PORT
  const url = `http://localhost:${port}`
  logger.info({ port, url }, 'Peloton is listening')
  console.log(`\nPeloton is running at ${url}\n`)
  if (startup.generatedAdmin) {
    console.log(
      `An admin account was created:\n  e-mail:   ${startup.generatedAdmin.email}\n  password: ${startup.generatedAdmin.password}\n(shown once; set ADMIN_EMAIL and ADMIN_PASSWORD to choose your own)\n`,
    )
  }

  let shuttingDown = false
  async function shutdown(signal: string) {
    if (shuttingDown) return
    shuttingDown = true
    logger.info({ signal }, 'shutting down')
    const force = setTimeout(() => process.exit(1), 10_000)
    force.unref()
    clearInterval(sessionSweep)
    reminders.stop()
    server.close()
    server.closeIdleConnections()
    // Every acknowledged edit is already stored; this stores what arrived but was not yet acknowledged.
    await collab.close()
    await new Promise<void>((resolve) => io.close(() => resolve()))
    await mailWorker.stop()
    await viteDevServer?.close()
    await prisma.$disconnect()
    logger.info('stopped')
    process.exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}

/** E-mailed links and calendar feeds carry secrets in their path; they never go into the logs. */
function redactTokens(path: string): string {
  return path.replace(/^\/(reset-password|verify-email|invitations|calendar)\/[^/]+/, '/$1/[redacted]')
}

function crossSiteMessage(acceptLanguage: string | undefined): string {
  const lng = /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'nl'
  return resources[lng].common.errors.crossSite
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'Peloton could not start')
  console.error(error)
  process.exit(1)
})
