// Runs once before the unit and integration tests: builds a template database
// by applying the committed migrations, which every test file then copies.
// Each run gets its own folder, so parallel runs cannot disturb each other.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { applyMigrations } from '../../app/utils/migrate.server'

declare module 'vitest' {
  export interface ProvidedContext {
    testDir: string
  }
}

export default function setup(project: TestProject) {
  const base = path.resolve('tests/.tmp')
  fs.mkdirSync(base, { recursive: true })
  const dir = fs.mkdtempSync(path.join(base, `run-${os.hostname()}-`))
  applyMigrations(`file:${path.join(dir, 'template.db')}`)
  project.provide('testDir', dir)
  return () => fs.rmSync(dir, { recursive: true, force: true })
}
