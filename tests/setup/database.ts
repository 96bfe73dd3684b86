// Gives each test file its own database: a copy of the migrated template,
// chosen before any app module opens a connection.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, inject } from 'vitest'

const dir = inject('testDir')
const file = path.join(dir, `test-${crypto.randomUUID()}.db`)
fs.copyFileSync(path.join(dir, 'template.db'), file)
process.env.DATABASE_URL = `file:${file}`
process.env.MAIL_OUTBOX_DIR = path.join(dir, `outbox-${path.basename(file, '.db')}`)

afterAll(async () => {
  const { prisma } = await import('~/utils/db.server')
  await prisma.$disconnect()
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  fs.rmSync(process.env.MAIL_OUTBOX_DIR!, { recursive: true, force: true })
})
