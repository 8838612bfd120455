import { spawn, type ChildProcess } from 'node:child_process'
import { KUBECTL, startClusterTestLab, until, type ClusterTestLab } from './lab-fixture.js'

/** The pods the streaming tests use: a busybox shell with env and volumes, a ticker, a web server. */
export const STREAMING_PODS = `apiVersion: v1
kind: ConfigMap
metadata: {name: box-config, namespace: default}
data: {app.properties: "port=8080\\nmode=lab\\n"}
---
apiVersion: v1
kind: Pod
metadata: {name: box, namespace: default, labels: {app: box}}
spec:
  containers:
  - name: box
    image: busybox:1.31
    command: [sleep, '3600']
    env:
    - {name: GREETING, value: hello}
    - name: MY_POD
      valueFrom: {fieldRef: {fieldPath: metadata.name}}
    volumeMounts:
    - {name: config, mountPath: /etc/config}
    - {name: scratch, mountPath: /scratch}
  volumes:
  - name: config
    configMap: {name: box-config}
  - name: scratch
    emptyDir: {}
---
apiVersion: v1
kind: Pod
metadata: {name: ticker, namespace: default}
spec:
  containers:
  - name: ticker
    image: busybox:1.31
    command: [sh, -c, 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.3; done']
---
apiVersion: v1
kind: Pod
metadata: {name: sleep, namespace: default}
spec:
  containers:
  - name: sleep
    image: pstauffer/curl:v1.0.3
    command: [/bin/sleep, 3650d]
---
apiVersion: v1
kind: Pod
metadata: {name: nosh, namespace: default}
spec:
  containers:
  - name: app
    image: gcr.io/distroless/static:nonroot
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: default}
spec:
  replicas: 1
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: nginx:1.15
        ports: [{containerPort: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  selector: {app: web}
  ports: [{name: http, port: 8000, targetPort: 80}]
`

/** Starts a cluster lab with the streaming pods running. */
export async function startStreamingLab(): Promise<ClusterTestLab> {
  const lab = await startClusterTestLab()
  try {
    const r = await lab.kubectl(['apply', '-f', lab.file('pods.yaml', STREAMING_PODS)])
    if (r.code !== 0) throw new Error(`failed to apply the streaming pods: ${r.stderr}`)
    await until(
      'the streaming pods Running',
      async () => {
        const out = (await lab.kubectl(['get', 'pods', '--no-headers'])).stdout
        return out.split('\n').filter((l) => / Running /.test(l)).length >= 5
      },
      60_000
    )
    await until(
      'the web endpoints',
      async () =>
        (
          await lab.kubectl([
            'get',
            'endpoints',
            'web',
            '-o',
            'jsonpath={.subsets[0].addresses[0].ip}',
          ])
        ).stdout !== '',
      30_000
    )
    return lab
  } catch (err) {
    await lab.stop()
    throw err
  }
}

/** A long-running kubectl (logs -f, port-forward, attach, proxy) whose output is collected. */
export interface Background {
  child: ChildProcess
  output(): string
  /** Waits until the output matches, at most `ms`. */
  waitFor(re: RegExp, ms?: number): Promise<void>
  stop(): Promise<number | null>
}

/** Starts a kubectl (or another binary) in the background against the lab. */
export function background(lab: ClusterTestLab, args: string[], bin = KUBECTL): Background {
  const child = spawn(bin, args, {
    env: { PATH: process.env.PATH, HOME: lab.dir, KUBECONFIG: lab.kubeconfig },
  })
  let out = ''
  child.stdout.on('data', (b: Buffer) => (out += b.toString()))
  child.stderr.on('data', (b: Buffer) => (out += b.toString()))
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  return {
    child,
    output: () => out,
    waitFor: (re, ms = 15_000) =>
      until(`${re} in the output of ${args.join(' ')}`, async () => re.test(out), ms, 50),
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}
