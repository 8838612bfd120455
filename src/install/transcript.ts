import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { commandLine, shellQuote } from './command-runner.js'

/** Where the lab writes every command it runs, in order, as a shell script a user can replay. */
export interface Transcript {
  /** Appends a command line (`kubectl apply -f …`), with its stdin as a here-document. */
  command(name: string, args: readonly string[], input?: string): void
  /** Appends a command line as given (one a backend ran itself). */
  line(text: string): void
  /** Appends a `# …` comment line (a step's start, what the lab did itself). */
  comment(text: string): void
  /** Returns the lines written so far. */
  lines(): readonly string[]
}

/** Creates a transcript that only keeps its lines in memory (tests, dry runs). */
export function memoryTranscript(): Transcript {
  return fileTranscript(undefined)
}

/**
 * Creates a transcript appended to `file` (created afresh with a header saying how to replay:
 * the environment the lab's clients ran with), or kept in memory when `file` is undefined.
 */
export function fileTranscript(
  file: string | undefined,
  env: Record<string, string> = {}
): Transcript {
  const kept: string[] = []
  const write = (line: string): void => {
    kept.push(line)
    if (file) appendFileSync(file, `${line}\n`)
  }
  if (file) {
    mkdirSync(dirname(file), { recursive: true })
    const exports = Object.entries(env).map(([k, v]) => `export ${k}=${shellQuote(v)}`)
    writeFileSync(
      file,
      [
        '#!/bin/sh',
        '# The commands onap-mesh-lab ran to install the lab, in the order they ran.',
        '# Replay by hand with the same environment (kubectl and helm from .clients/bin):',
        ...exports,
        '',
      ].join('\n')
    )
  }
  return {
    command(name, args, input) {
      const line = commandLine(name, args)
      if (input === undefined) return write(line)
      const end = input.includes('\nEOF\n') ? 'EOF_LAB' : 'EOF'
      write(`${line} <<'${end}'\n${input.replace(/\n$/, '')}\n${end}`)
    },
    line: (text) => write(text),
    comment(text) {
      for (const l of text.split('\n')) write(`# ${l}`)
    },
    lines: () => kept,
  }
}
