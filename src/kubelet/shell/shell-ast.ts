/** One piece of a shell word before expansion. */
export type WordPart =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; quoted: boolean; op?: string; arg?: Word }
  | { kind: 'cmd'; source: string; quoted: boolean }
  | { kind: 'arith'; expr: string; quoted: boolean }

/** A shell word: parts joined without spaces (`"a"$B'c'`). */
export type Word = WordPart[]

/** A redirection of a simple command (`2>&1`, `> out`, `>> log`, `< in`). */
export interface Redirect {
  fd: number
  op: '>' | '>>' | '<' | '>&'
  target: Word
}

/** A simple command: assignments, words and redirections. */
export interface SimpleCommand {
  type: 'simple'
  assigns: { name: string; value: Word }[]
  words: Word[]
  redirects: Redirect[]
}

/** A subshell `( … )` or group `{ …; }`. */
export interface GroupCommand {
  type: 'group'
  subshell: boolean
  body: CommandList
  redirects: Redirect[]
}

/** `for NAME in WORDS; do …; done`. */
export interface ForCommand {
  type: 'for'
  name: string
  words: Word[]
  body: CommandList
  redirects: Redirect[]
}

/** `if …; then …; elif …; then …; else …; fi`. */
export interface IfCommand {
  type: 'if'
  clauses: { cond: CommandList; body: CommandList }[]
  otherwise?: CommandList
  redirects: Redirect[]
}

/** `while …; do …; done` (or `until`). */
export interface WhileCommand {
  type: 'while'
  until: boolean
  cond: CommandList
  body: CommandList
  redirects: Redirect[]
}

/** A command of a pipeline. */
export type Command = SimpleCommand | GroupCommand | ForCommand | IfCommand | WhileCommand

/** `[!] a | b | c`. */
export interface Pipeline {
  negate: boolean
  commands: Command[]
}

/** `p1 && p2 || p3`. */
export interface AndOr {
  first: Pipeline
  rest: { op: '&&' | '||'; pipeline: Pipeline }[]
  /** Ended by `&`: runs in the background. */
  background: boolean
}

/** A script: and-or lists separated by `;`, `&` or newlines. */
export type CommandList = AndOr[]
