// Structured (JSON) logs for the whole server.
import { pino } from 'pino'

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
  base: { service: 'peloton' },
  timestamp: pino.stdTimeFunctions.isoTime,
})
