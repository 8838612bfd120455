// The NodePort bench's load generator, run as its own process so that its CPU is not the bench's:
// `node --import tsx paced-load-child.ts '<PacedLoadOptions JSON>'` prints `measuring` when the
// measured window starts (after the warm-up), then one PacedLoadResult JSON line.
import { pacedLoad, type PacedLoadOptions } from './paced-load.js'

const o = JSON.parse(process.argv[2] ?? '{}') as PacedLoadOptions
pacedLoad({ ...o, onMeasuring: () => process.stdout.write('measuring\n') }).then(
  (r) => {
    process.stdout.write(JSON.stringify(r) + '\n')
    process.exit(0)
  },
  (err: unknown) => {
    process.stderr.write(
      `failed to run the load: ${err instanceof Error ? err.message : String(err)}\n`
    )
    process.exit(1)
  }
)
