import { spawn } from 'node:child_process'
import { readFileSync, rmSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createKubeClient, httpTransport } from '../client/index.js'
import { daemonStart, resolveLabOptions, startDaemon, stopDaemon, StateDir } from '../lab/index.js'
import { httpLoad, type LoadResult } from './http-load.js'
import { watchFanout, type WatchFanoutResult } from './watch-fanout.js'

/** The API server's figures next to the bare server's. */
export interface ApiBenchResult {
  bareGet: LoadResult
  getPod: LoadResult
  /** The bare server sending the LIST's own body. */
  bareList: LoadResult
  listPods: LoadResult
  watch: WatchFanoutResult
  daemonRssMb: number
}

/**
 * Measures the sim API server in its own daemon process: GET of one pod and LIST of 1,000 pods
 * over HTTPS from `concurrency` connections, a watch fan-out (100 watchers × 1,000 events), and a
 * bare HTTPS server answering the same pod's and list's JSON, in the same run.
 */
export async function apiBench(
  root: string,
  opts: { concurrency: number; durationMs: number }
): Promise<ApiBenchResult> {
  const stateDir = mkdtempSync(join(tmpdir(), 'mesh-lab-bench-'))
  const lab = resolveLabOptions(root, { stateDir, until: 'apiserver' }, {})
  const state = new StateDir(stateDir)
  await startDaemon(root, daemonStart(lab))
  let bare: ReturnType<typeof spawn> | undefined
  try {
    const kubeconfig = readFileSync(state.kubeconfig, 'utf8')
    const server = /server: (\S+)/.exec(kubeconfig)![1]!
    const token = /token: (\S+)/.exec(kubeconfig)![1]!
    const caPem = state.read('ca.crt')!
    const client = createKubeClient(httpTransport({ server, caPem, token }), 'bench')
    const ns = { apiVersion: 'v1', resource: 'namespaces', namespaced: false }
    const pods = { apiVersion: 'v1', resource: 'pods', namespaced: true }
    await client.create(ns, { metadata: { name: 'bench' } })
    for (let i = 0; i < 1000; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, j) =>
          client.create(pods, {
            metadata: { name: `p-${i + j}`, namespace: 'bench', labels: { app: 'bench' } },
            spec: { containers: [{ name: 'c', image: 'busybox:1.29' }] },
          })
        )
      )
    }
    const podJson = JSON.stringify(await client.get(pods, 'p-0', 'bench'))
    const listJson = JSON.stringify(await client.list(pods, { namespace: 'bench' }))
    const load = (url: string) =>
      httpLoad({ url, caPem, token, concurrency: opts.concurrency, durationMs: opts.durationMs })
    const getPod = await load(`${server}/api/v1/namespaces/bench/pods/p-0`)
    const listPods = await load(`${server}/api/v1/namespaces/bench/pods`)
    const watch = await watchFanout({ server, caPem, token, client, watchers: 100, events: 1000 })
    const pid = Number(state.read('pid'))
    const rss =
      Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024
    const pki = {
      certPem: readFileSync(join(stateDir, 'apiserver.crt'), 'utf8'),
      keyPem: readFileSync(join(stateDir, 'apiserver.key'), 'utf8'),
    }
    const b = spawn(
      process.execPath,
      ['--import', 'tsx', join(root, 'src', 'bench', 'bare-server.ts')],
      { stdio: ['pipe', 'pipe', 'inherit'] }
    )
    bare = b
    const portLine = new Promise<number>((resolve) =>
      b.stdout!.once('data', (d: Buffer) => resolve(Number(d.toString().trim())))
    )
    b.stdin!.end(JSON.stringify({ ...pki, bodies: { '/pod': podJson, '/list': listJson } }))
    const port = await portLine
    const bareGet = await load(`https://127.0.0.1:${port}/pod`)
    const bareList = await load(`https://127.0.0.1:${port}/list`)
    return { bareGet, getPod, bareList, listPods, watch, daemonRssMb: rss }
  } finally {
    bare?.kill('SIGTERM')
    await stopDaemon(state)
    rmSync(stateDir, { recursive: true, force: true })
  }
}
