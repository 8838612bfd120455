// One open object or array while scanning: the keys seen (objects) or the next index (arrays).
interface Frame {
  keys?: Set<string>
  index: number
  /** The path down to this container, as the strict decoder writes it (`spec.containers[0]`). */
  path: string
}

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`)

/**
 * Returns the paths of the keys a JSON text repeats within one object (`spec.replicas`), in
 * document order, as kube-apiserver's strict decoder names them (`duplicate field "…"`); JSON.parse
 * keeps the last value silently. The text must be valid JSON (it was parsed before).
 */
export function duplicateJsonFields(text: string): string[] {
  const out: string[] = []
  const stack: Frame[] = []
  let expectKey = false
  let pendingKey = ''
  const valuePath = (): string => {
    const top = stack.at(-1)
    if (!top) return ''
    return top.keys ? join(top.path, pendingKey) : `${top.path}[${top.index}]`
  }
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === '"') {
      let j = i + 1
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      if (expectKey) {
        const key = JSON.parse(text.slice(i, j + 1)) as string
        const top = stack.at(-1)!
        if (top.keys!.has(key)) out.push(join(top.path, key))
        top.keys!.add(key)
        pendingKey = key
        expectKey = false
      }
      i = j
    } else if (c === '{' || c === '[') {
      const path = valuePath()
      stack.push(c === '{' ? { keys: new Set(), index: 0, path } : { index: 0, path })
      expectKey = c === '{'
    } else if (c === '}' || c === ']') {
      stack.pop()
    } else if (c === ',') {
      const top = stack.at(-1)
      if (top?.keys) expectKey = true
      else if (top) top.index++
    }
  }
  return out
}
