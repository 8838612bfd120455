import type { JournalEntry } from './event-journal.js'

/** What `lab:events` shows of the journal (scenario events always, filtered like writes). */
export interface TimelineOptions {
  /** Only writes after this resourceVersion (a snapshot's, to see what a restored lab did next). */
  sinceRv?: number
  /** Also the kubelets' node heartbeats and the Events objects (left out by default: noise). */
  all?: boolean
  /** Only entries whose line contains this text. */
  grep?: string
}

const VERB = { ADDED: 'created', MODIFIED: 'updated', DELETED: 'deleted' } as const

/**
 * Returns the journal (NDJSON text) as a readable timeline, one line per API write: time,
 * resourceVersion, who, what, and a pod's container transitions on lines of their own; a scheduled
 * scenario event as `scenario "<entry>": <what it did>`. A line that
 * does not parse is named (file:line) and skipped.
 */
export function journalTimeline(text: string, file: string, o: TimelineOptions = {}): string[] {
  const out: string[] = []
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return
    let e: JournalEntry
    try {
      e = JSON.parse(line) as JournalEntry
    } catch {
      out.push(`(${file}:${i + 1}: not a journal entry, skipped)`)
      return
    }
    if (o.sinceRv !== undefined && e.rv <= o.sinceRv) return
    if (
      !o.all &&
      (e.resource === 'events' || (e.resource === 'nodes' && e.type === 'MODIFIED' && !e.changes))
    )
      return
    const what =
      e.type === 'SCENARIO'
        ? `scenario "${e.name}": ${e.what ?? ''}`
        : `${VERB[e.type]} ${e.resource} ${e.namespace ? `${e.namespace}/` : ''}${e.name}`
    const lines = [
      `${e.at.slice(11, 23)}  ${String(e.rv).padStart(7)}  ${e.by.padEnd(24)} ${what}`,
      ...(e.changes ?? []).map((c) => `${' '.repeat(43)}  ↳ ${c}`),
    ]
    if (o.grep && !lines.some((l) => l.includes(o.grep!))) return
    out.push(...lines)
  })
  return out
}
