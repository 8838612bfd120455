/**
 * Counters that start between two scrapes. Mixer creates a series at its first request, so a
 * burst shorter than the scrape interval reaches Prometheus as one value that never changes,
 * and `rate()` shows no traffic at all. The scrape bridge adds, for each cumulative series
 * (counter, histogram, summary `_sum`/`_count`) that is new since the target's previous scrape,
 * the sample it had then, 0, at that scrape's time: what Prometheus 2.50's created-timestamp
 * zero ingestion does, here for Prometheus 2.42 through the text format's explicit timestamps.
 */

/** What one scrape of a target exposed: its cumulative series and when. */
export interface ScrapeMemory {
  atMs: number
  series: Set<string>
}

const CUMULATIVE = new Set(['counter', 'histogram', 'summary'])

/** Returns the family a sample name belongs to, given the declared types. */
function familyType(name: string, types: Map<string, string>): string | undefined {
  const own = types.get(name)
  if (own) return own
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!name.endsWith(suffix)) continue
    const t = types.get(name.slice(0, -suffix.length))
    if (t === 'histogram' || (t === 'summary' && suffix !== '_bucket')) return t
  }
  return undefined
}

/** Splits a sample line into its series (name and labels as written) and the rest; undefined for other lines. */
function splitSample(line: string): { series: string; rest: string[] } | undefined {
  if (line === '' || line.startsWith('#')) return undefined
  const close = line.indexOf('}')
  const end = close >= 0 ? close + 1 : line.search(/\s/)
  if (end <= 0) return undefined
  return { series: line.slice(0, end), rest: line.slice(end).trim().split(/\s+/) }
}

/**
 * Returns the exposition with a zero sample at `previous.atMs` before each cumulative series
 * that the previous scrape did not have (nothing is added on a target's first scrape), and the
 * memory of this scrape.
 */
export function addZeroStarts(
  text: string,
  previous: ScrapeMemory | undefined,
  nowMs: number
): { text: string; memory: ScrapeMemory } {
  const types = new Map<string, string>()
  const series = new Set<string>()
  const out: string[] = []
  for (const line of text.split('\n')) {
    const type = /^# TYPE (\S+) (\S+)/.exec(line)
    if (type) types.set(type[1]!, type[2]!)
    const s = splitSample(line)
    if (s) {
      const name = s.series.split('{')[0]!
      const t = familyType(name, types)
      if (t && CUMULATIVE.has(t) && !(t === 'summary' && s.series.includes('quantile='))) {
        series.add(s.series)
        // A sample with its own timestamp is the exporter's business; leave it alone.
        if (previous && !previous.series.has(s.series) && s.rest.length === 1)
          out.push(`${s.series} 0 ${previous.atMs}`)
      }
    }
    out.push(line)
  }
  return { text: out.join('\n'), memory: { atMs: nowMs, series } }
}
