/** Returns the reference tokens of an RFC 6901 JSON pointer, or undefined when it is malformed. */
export function parseJsonPointer(pointer: string): string[] | undefined {
  if (pointer === '') return []
  if (!pointer.startsWith('/')) return undefined
  const tokens = pointer.slice(1).split('/')
  if (tokens.some((t) => /~[^01]|~$/.test(t))) return undefined
  // ~1 is decoded before ~0 so that "~01" becomes "~1" and not "/" (RFC 6901 §4).
  return tokens.map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
}

/** Returns the JSON pointer of a list of reference tokens. */
export function formatJsonPointer(tokens: readonly string[]): string {
  return tokens.map((t) => '/' + t.replace(/~/g, '~0').replace(/\//g, '~1')).join('')
}

/** Returns the array index a token names (digits without leading zeros), or undefined. */
export function arrayIndex(token: string): number | undefined {
  return /^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : undefined
}
