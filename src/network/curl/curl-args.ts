/** The options of one curl invocation (the subset of curl 7.88's flags scripts use). */
export interface CurlOptions {
  urls: string[]
  silent: boolean
  showError: boolean
  output: string | undefined
  writeOut: string | undefined
  headers: string[]
  method: string | undefined
  /** `-d`/`--data-raw`/`--data-binary` pieces, joined with `&`. */
  data: { text: string; raw: boolean; binary: boolean }[]
  verbose: boolean
  include: boolean
  head: boolean
  location: boolean
  maxRedirs: number
  insecure: boolean
  maxTimeS: number | undefined
  connectTimeoutS: number | undefined
  fail: boolean
  userAgent: string | undefined
}

/** A usage error: curl's message lines and exit code. */
export interface CurlUsageError {
  code: number
  lines: string[]
}

type Setter = (o: CurlOptions, v: string) => CurlUsageError | undefined
type Switch = (o: CurlOptions) => void

const TRY = "curl: try 'curl --help' or 'curl --manual' for more information"

const seconds = (flag: string, v: string, set: (n: number) => void): CurlUsageError | undefined => {
  const n = Number(v)
  if (!Number.isFinite(n) || n < 0 || v.trim() === '')
    return { code: 2, lines: [`curl: option ${flag}: expected a proper numerical parameter`, TRY] }
  set(n)
  return undefined
}

const WITH_ARG: Record<string, Setter> = {
  '-o': (o, v) => void (o.output = v),
  '--output': (o, v) => void (o.output = v),
  '-w': (o, v) => void (o.writeOut = v),
  '--write-out': (o, v) => void (o.writeOut = v),
  '-H': (o, v) => void o.headers.push(v),
  '--header': (o, v) => void o.headers.push(v),
  '-X': (o, v) => void (o.method = v),
  '--request': (o, v) => void (o.method = v),
  '-d': (o, v) => void o.data.push({ text: v, raw: false, binary: false }),
  '--data': (o, v) => void o.data.push({ text: v, raw: false, binary: false }),
  '--data-ascii': (o, v) => void o.data.push({ text: v, raw: false, binary: false }),
  '--data-raw': (o, v) => void o.data.push({ text: v, raw: true, binary: false }),
  '--data-binary': (o, v) => void o.data.push({ text: v, raw: false, binary: true }),
  '-A': (o, v) => void (o.userAgent = v),
  '--user-agent': (o, v) => void (o.userAgent = v),
  '--url': (o, v) => void o.urls.push(v),
  '-m': (o, v) => seconds('-m', v, (n) => (o.maxTimeS = n)),
  '--max-time': (o, v) => seconds('--max-time', v, (n) => (o.maxTimeS = n)),
  '--connect-timeout': (o, v) => seconds('--connect-timeout', v, (n) => (o.connectTimeoutS = n)),
  '--max-redirs': (o, v) => seconds('--max-redirs', v, (n) => (o.maxRedirs = Math.floor(n))),
}

const SWITCHES: Record<string, Switch> = {
  '-s': (o) => (o.silent = true),
  '--silent': (o) => (o.silent = true),
  '-S': (o) => (o.showError = true),
  '--show-error': (o) => (o.showError = true),
  '-v': (o) => (o.verbose = true),
  '--verbose': (o) => (o.verbose = true),
  '-i': (o) => (o.include = true),
  '--include': (o) => (o.include = true),
  '-I': (o) => (o.head = true),
  '--head': (o) => (o.head = true),
  '-L': (o) => (o.location = true),
  '--location': (o) => (o.location = true),
  '-k': (o) => (o.insecure = true),
  '--insecure': (o) => (o.insecure = true),
  '-f': (o) => (o.fail = true),
  '--fail': (o) => (o.fail = true),
  '--http1.1': () => undefined,
  '-4': () => undefined,
  '--ipv4': () => undefined,
  '--compressed': () => undefined,
  '-N': () => undefined,
  '--no-buffer': () => undefined,
}

/** Returns curl's default options (nothing set). */
export function defaultCurlOptions(): CurlOptions {
  return {
    urls: [],
    silent: false,
    showError: false,
    output: undefined,
    writeOut: undefined,
    headers: [],
    method: undefined,
    data: [],
    verbose: false,
    include: false,
    head: false,
    location: false,
    maxRedirs: 50,
    insecure: false,
    maxTimeS: undefined,
    connectTimeoutS: undefined,
    fail: false,
    userAgent: undefined,
  }
}

/**
 * Parses curl's argv as curl does: long options (`--max-time 5`, `--max-time=5` is not curl),
 * clustered short switches (`-sSf`), a short option's value attached or next (`-XPOST`, `-X POST`,
 * `-so /dev/null`), and every other word a URL. Returns the options or curl's usage error.
 */
export function parseCurlArgs(argv: string[]): CurlOptions | CurlUsageError {
  const o = defaultCurlOptions()
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a.startsWith('--') && a.length > 2) {
      const set = WITH_ARG[a]
      if (set) {
        if (i + 1 >= argv.length)
          return { code: 2, lines: [`curl: option ${a}: requires parameter`, TRY] }
        const err = set(o, argv[++i]!)
        if (err) return err
        continue
      }
      const sw = SWITCHES[a]
      if (!sw) return { code: 2, lines: [`curl: option ${a}: is unknown`, TRY] }
      sw(o)
      continue
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const flag = `-${a[j]!}`
        const set = WITH_ARG[flag]
        if (set) {
          let v = a.slice(j + 1)
          if (v === '') {
            if (i + 1 >= argv.length)
              return { code: 2, lines: [`curl: option ${flag}: requires parameter`, TRY] }
            v = argv[++i]!
          }
          const err = set(o, v)
          if (err) return err
          break
        }
        const sw = SWITCHES[flag]
        if (!sw) return { code: 2, lines: [`curl: option ${a}: is unknown`, TRY] }
        sw(o)
      }
      continue
    }
    o.urls.push(a)
  }
  if (o.urls.length === 0) return { code: 2, lines: ['curl: no URL specified!', TRY] }
  return o
}

/** Returns true when parseCurlArgs failed. */
export function isUsageError(r: CurlOptions | CurlUsageError): r is CurlUsageError {
  return 'lines' in r
}
