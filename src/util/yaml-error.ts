import { YAMLError } from 'yaml'

/**
 * Returns an error naming the file and line of a YAML parse failure: `<source>:<line>: <why>`,
 * the first line of yaml's message (the rest repeats the line's text under a caret); line 1 when
 * the failure has no position.
 */
export function yamlErrorAt(source: string, err: unknown): Error {
  const line = err instanceof YAMLError ? (err.linePos?.[0].line ?? 1) : 1
  const message = err instanceof Error ? err.message : String(err)
  return new Error(`${source}:${line}: ${message.split('\n')[0]}`, { cause: err })
}
