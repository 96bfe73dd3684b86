// The production build under test: `npm run build` when build/ is missing or
// older than its sources, and a check that the bundled server sets
// synchronous=FULL on its connection (the setting this benchmark is about).
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const SOURCES = ['app', 'server.ts', 'vite.config.ts', 'package.json', 'package-lock.json', 'prisma/schema.prisma']
const OUTPUTS = ['build/server.js', 'build/server/index.js']
export const SYNCHRONOUS_FULL = 'PRAGMA synchronous = FULL'

function newestSource(root: string): { file: string; mtimeMs: number } {
  let newest = { file: '', mtimeMs: 0 }
  const visit = (file: string) => {
    const stat = fs.statSync(file)
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(file)) visit(path.join(file, name))
    } else if (stat.mtimeMs > newest.mtimeMs) {
      newest = { file, mtimeMs: stat.mtimeMs }
    }
  }
  for (const source of SOURCES) if (fs.existsSync(path.join(root, source))) visit(path.join(root, source))
  return newest
}

/** Why the build must be made again, or null when it is current. */
export function buildStaleness(root: string): string | null {
  const outputs = OUTPUTS.map((o) => path.join(root, o))
  const missing = outputs.find((o) => !fs.existsSync(o))
  if (missing) return `${path.relative(root, missing)} is missing`
  const built = Math.min(...outputs.map((o) => fs.statSync(o).mtimeMs))
  const newest = newestSource(root)
  return newest.mtimeMs > built ? `${path.relative(root, newest.file)} is newer than the build` : null
}

/** Builds when stale (unless `allowBuild` is false: then it throws), and checks the pragma is in the bundle. */
export function ensureBuild(root: string, { allowBuild }: { allowBuild: boolean }): { rebuilt: boolean } {
  const stale = buildStaleness(root)
  if (stale && !allowBuild) throw new Error(`The production build is stale (${stale}); run npm run build, or drop --no-build.`)
  if (stale) {
    console.log(`build: ${stale}; running npm run build …`)
    const started = Date.now()
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
    console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(0)} s`)
  }
  const bundle = fs.readFileSync(path.join(root, 'build/server.js'), 'utf8')
  if (!bundle.includes(SYNCHRONOUS_FULL)) {
    throw new Error(`build/server.js does not set "${SYNCHRONOUS_FULL}" (app/utils/db.server.ts prepareDatabase)`)
  }
  return { rebuilt: stale !== null }
}
