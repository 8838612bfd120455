/**
 * Returns a matcher for a glob over image or container names: `*` is any run of characters
 * (slashes included, so `*oomk8s/readiness-check*` matches any registry), `?` one character.
 */
export function globMatcher(glob: string): (text: string) => boolean {
  const source = glob
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('')
  const re = new RegExp(`^${source}$`)
  return (text) => re.test(text)
}

/** Returns true when any of the globs matches the text. */
export function matchesAny(globs: readonly string[], text: string): boolean {
  return globs.some((g) => globMatcher(g)(text))
}
