// Loaded into the server under test with NODE_OPTIONS=--import (where
// --cpu-prof is not allowed): profiles the CPU of `build/server.js` (not of
// the `prisma migrate deploy` child it spawns) from start to exit, and writes
// a .cpuprofile into BENCH_CPU_PROFILE_DIR, as --cpu-prof would. Beside it,
// the event-loop delay second by second (monotonic µs, p50/p99/max ms), so
// the benchmark can see how long the loop was blocked during its measured run.
import fs from 'node:fs'
import inspector from 'node:inspector'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import process from 'node:process'
import { setInterval } from 'node:timers'

const dir = process.env.BENCH_CPU_PROFILE_DIR
if (dir && process.argv[1]?.endsWith(path.join('build', 'server.js'))) {
  const session = new inspector.Session()
  session.connect()
  session.post('Profiler.enable')
  session.post('Profiler.start')

  const loop = monitorEventLoopDelay({ resolution: 5 })
  loop.enable()
  const seconds = []
  const ms = (ns) => Math.round(ns / 1e4) / 100
  const sample = setInterval(() => {
    seconds.push({
      atUs: Number(process.hrtime.bigint() / 1000n),
      p50: ms(loop.percentile(50)),
      p99: ms(loop.percentile(99)),
      max: ms(loop.max),
    })
    loop.reset()
  }, 1000)
  sample.unref()

  // A session on the main thread answers synchronously, so this works in an exit handler.
  process.once('exit', () => {
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(path.join(dir, `server-${process.pid}.loop.json`), JSON.stringify(seconds))
    session.post('Profiler.stop', (error, result) => {
      if (error) return
      fs.writeFileSync(path.join(dir, `server-${process.pid}.cpuprofile`), JSON.stringify(result.profile))
    })
  })
}
