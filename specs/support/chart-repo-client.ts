// Reads a Helm chart repository's index (`<repo>/index.yaml`) over HTTP, once per run.
import { parse } from 'yaml'

/** One chart version of a repository index. */
export interface IndexChart {
  name: string
  version: string
  appVersion?: string
  description?: string
  keywords?: string[]
  deprecated?: boolean
}

/** A repository index: chart versions by chart name. */
export interface ChartIndex {
  entries: Record<string, IndexChart[]>
}

/** What the chart-repository check reads. */
export interface ChartRepoClient {
  /** The repository URL. */
  readonly url: string
  index(): Promise<ChartIndex>
}

/** Returns a client of the repository at `url`; the index is fetched once, on first use. */
export function createChartRepoClient(url: string, fetchFn: typeof fetch = fetch): ChartRepoClient {
  let index: Promise<ChartIndex> | undefined
  const load = async (): Promise<ChartIndex> => {
    const at = `${url}/index.yaml`
    let res: Response
    try {
      res = await fetchFn(at, { signal: AbortSignal.timeout(3000) })
    } catch (err) {
      const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message
      throw new Error(`failed to read the chart repository index ${at}: ${cause}`, { cause: err })
    }
    if (!res.ok)
      throw new Error(`failed to read the chart repository index ${at}: HTTP ${res.status}`)
    const doc = parse(await res.text()) as Partial<ChartIndex> | null
    if (!doc || typeof doc.entries !== 'object' || doc.entries === null) {
      throw new Error(`${at}: not a chart repository index (no entries)`)
    }
    return { entries: doc.entries }
  }
  return {
    url,
    index: () => (index ??= load()),
  }
}
