/** A JSON object as tests read it. */
export type Obj = Record<string, unknown>

/** Returns the value at a dotted path (`spec.template.metadata`), or undefined when absent. */
export function dig(o: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v as Obj | undefined)?.[k], o)
}
