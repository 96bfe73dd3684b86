// The environment, parsed once at boot. A missing or malformed value stops
// the boot with a message that names it (see parseEnv).
import { z } from 'zod'
import { DEFAULT_DATABASE_URL } from './database-url'

const booleanString = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1')

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v))

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    /** The public address, used in e-mailed links. Defaults to http://localhost:PORT. */
    APP_URL: optionalString.pipe(z.string().url().optional()),
    DATABASE_URL: z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .refine((v) => v.startsWith('file:'), 'must be a SQLite file URL such as file:./data/peloton.db'),
    SEED_DEMO: booleanString,
    ADMIN_EMAIL: optionalString.pipe(z.string().email().optional()),
    ADMIN_PASSWORD: optionalString.pipe(z.string().min(12).max(256).optional()),
    SMTP_HOST: optionalString,
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    SMTP_SECURE: booleanString,
    SMTP_USER: optionalString,
    SMTP_PASSWORD: optionalString,
    MAIL_FROM: z.string().default('Peloton <no-reply@peloton.localhost>'),
    /** Where e-mail is written when no SMTP server is configured. */
    MAIL_OUTBOX_DIR: z.string().default('data/outbox'),
    /**
     * Behind reverse proxies: how many of them to trust, so the client's
     * address comes from that many hops of X-Forwarded-For (0: none; the
     * client writes the leftmost entries itself, so "trust all" is not offered).
     */
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    /** pino log level. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /**
     * The largest socket.io message (live documents): a bigger one closes the
     * connection. 1 MiB holds any single edit and a large document's first sync.
     */
    COLLAB_MAX_MESSAGE_BYTES: z.coerce
      .number()
      .int()
      .min(64 * 1024)
      .max(64 * 1024 * 1024)
      .default(1024 * 1024),
    /** Set to "false" only for tests that must log in many times in a row. */
    LOGIN_THROTTLE: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true'),
  })
  .superRefine((env, ctx) => {
    if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [env.ADMIN_EMAIL === undefined ? 'ADMIN_EMAIL' : 'ADMIN_PASSWORD'],
        message: 'ADMIN_EMAIL and ADMIN_PASSWORD must be set together',
      })
    }
    if (env.NODE_ENV === 'production' && !env.LOGIN_THROTTLE) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['LOGIN_THROTTLE'], message: 'cannot be switched off in production' })
    }
    if (env.SMTP_USER !== undefined && env.SMTP_PASSWORD === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['SMTP_PASSWORD'], message: 'is required when SMTP_USER is set' })
    }
  })

export type Env = z.infer<typeof envSchema>

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'EnvError'
  }
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source)
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`))
  }
  return result.data
}

let cached: Env | undefined

/** The parsed environment; parsed on first use (server.ts calls it at boot). */
export function env(): Env {
  cached ??= parseEnv()
  return cached
}

export function appUrl(): string {
  const e = env()
  return e.APP_URL ?? `http://localhost:${e.PORT}`
}
