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

// Globs come from behaviour data and scenarios (a small, fixed set), so each is compiled once:
// resolving a container's behaviour is on the kubelet's and the apps host's hot paths.
const compiled = new Map<string, (text: string) => boolean>()

/** Returns true when any of the globs matches the text. */
export function matchesAny(globs: readonly string[], text: string): boolean {
  return globs.some((g) => {
    let m = compiled.get(g)
    if (!m) compiled.set(g, (m = globMatcher(g)))
    return m(text)
  })
}
