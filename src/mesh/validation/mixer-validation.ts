import { compileExpression } from '../mixer/index.js'

/** Returns the errors of Mixer config objects Galley checks (rule expressions, quota specs). */
export function validateMixerObject(kind: string, spec: Record<string, unknown>): string[] {
  const out: string[] = []
  if (kind === 'rule') {
    const match = spec.match
    if (typeof match === 'string' && match !== '') {
      try {
        compileExpression(match)
      } catch (err) {
        out.push(`match: ${(err as Error).message}`)
      }
    }
  }
  if (kind === 'QuotaSpec') {
    const rules = (spec.rules ?? []) as { quotas?: { quota?: string; charge?: number }[] }[]
    if (!rules.length) out.push('a least one rule must be specified')
    for (const r of rules) {
      if (!r.quotas?.length) out.push('a least one quota must be specified')
      for (const q of r.quotas ?? []) {
        if (!q.quota) out.push('quota name cannot be empty')
        if ((q.charge ?? 0) <= 0) out.push('quota charge amount must be positive')
      }
    }
  }
  if (kind === 'QuotaSpecBinding') {
    if (!((spec.services ?? []) as unknown[]).length)
      out.push('at least one service must be specified')
    const specs = (spec.quotaSpecs ?? []) as { name?: string }[]
    if (!specs.length) out.push('at least one spec must be specified')
    for (const s of specs) if (!s.name) out.push('name is mandatory for QuotaSpecReference')
  }
  return out
}
