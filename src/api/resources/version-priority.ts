/**
 * Returns a negative number when version a sorts before b in Kubernetes' "kube-aware" order:
 * GA before beta before alpha, higher numbers first (v2, v1, v2beta2, v1beta1, v1alpha1), then
 * anything else alphabetically.
 */
export function compareKubeVersions(a: string, b: string): number {
  const pa = parse(a)
  const pb = parse(b)
  if (!pa || !pb) return pa ? -1 : pb ? 1 : a.localeCompare(b)
  if (pa.stage !== pb.stage) return pa.stage - pb.stage
  if (pa.major !== pb.major) return pb.major - pa.major
  return pb.minor - pa.minor
}

function parse(v: string): { major: number; stage: number; minor: number } | undefined {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v)
  if (!m) return undefined
  const stage = m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2
  return { major: Number(m[1]), stage, minor: Number(m[3] ?? 0) }
}
