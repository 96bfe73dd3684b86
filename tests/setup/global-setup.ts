// Runs once before the unit and integration tests: builds a template database
// by applying the committed migrations, which every test file then copies.
import fs from 'node:fs'
import path from 'node:path'
import { applyMigrations } from '../../app/utils/migrate.server'

export const TEST_TMP_DIR = path.resolve('tests/.tmp')
export const TEMPLATE_DB = path.join(TEST_TMP_DIR, 'template.db')

export default function setup() {
  fs.rmSync(TEST_TMP_DIR, { recursive: true, force: true })
  fs.mkdirSync(TEST_TMP_DIR, { recursive: true })
  applyMigrations(`file:${TEMPLATE_DB}`)
  return () => fs.rmSync(TEST_TMP_DIR, { recursive: true, force: true })
}
