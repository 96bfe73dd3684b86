// Nothing acknowledged is lost: a collab server in a child process gets 500
// acknowledged updates, is killed with SIGKILL right after the last ack, and
// after a restart on the same database every update is there exactly once.
import { spawn, type ChildProcess } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, expect, inject, it } from 'vitest'
import { RawClient } from '../support/collab'

const children: ChildProcess[] = []
afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
})

function start(
  dbFile: string,
  seed: boolean,
): Promise<{ child: ChildProcess; info: { port: number; token?: string; docId?: string } }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/collab-server-main.ts'], {
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, NODE_ENV: 'test', LOG_LEVEL: 'silent', CRASH_SEED: seed ? '1' : '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()))
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) resolve({ child, info: JSON.parse(line) as { port: number; token?: string; docId?: string } })
    })
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${err}`)))
  })
}

it('keeps every acknowledged update across kill -9, without duplicates', { timeout: 60_000 }, async () => {
  const dir = inject('testDir')
  const dbFile = path.join(dir, `crash-${crypto.randomUUID()}.db`)
  fs.copyFileSync(path.join(dir, 'template.db'), dbFile)
  const first = await start(dbFile, true)
  const { port, token, docId } = first.info
  const url = `http://127.0.0.1:${port}`
  const client = await RawClient.connect(url, token!, docId!)
  await client.joinAndSync()
  const acked: number[] = []
  for (let batch = 0; batch < 10; batch++) {
    const acks = await Promise.all(
      Array.from({ length: 50 }, (_, j) => {
        const n = batch * 50 + j
        return client
          .edit((d) => d.getText('t').insert(d.getText('t').length, `<${n}>`))
          .then((ack) => ack === null && acked.push(n))
      }),
    )
    expect(acks.every(Boolean)).toBe(true)
  }
  first.child.kill('SIGKILL')
  await new Promise((resolve) => first.child.once('exit', resolve))
  client.close()
  expect(acked).toHaveLength(500)

  const second = await start(dbFile, false)
  const reader = await RawClient.connect(`http://127.0.0.1:${second.info.port}`, token!, docId!)
  await reader.joinAndSync()
  const text = reader.text()
  for (const n of acked) expect(text.split(`<${n}>`).length - 1).toBe(1)
  expect(text.length).toBe(acked.reduce((sum, n) => sum + `<${n}>`.length, 0))
  reader.close()
  second.child.kill('SIGKILL')
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(dbFile + suffix, { force: true })
})
