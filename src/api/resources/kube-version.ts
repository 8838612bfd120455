/** A parsed Kubernetes version (`v1.11.1`). */
export interface KubeVersion {
  major: number
  minor: number
  patch: number
  gitVersion: string
}

/** Returns the parsed version; throws on anything that is not `[v]MAJOR.MINOR[.PATCH]`. */
export function parseKubeVersion(v: string): KubeVersion {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(v.trim())
  if (!m) throw new Error(`invalid kubernetes version "${v}": want MAJOR.MINOR.PATCH, e.g. 1.11.1`)
  const major = Number(m[1])
  const minor = Number(m[2])
  const patch = Number(m[3] ?? 0)
  return { major, minor, patch, gitVersion: `v${major}.${minor}.${patch}` }
}

/** Returns the `/version` body a kube-apiserver of this version answers. */
export function versionInfo(v: KubeVersion): Record<string, string> {
  return {
    major: String(v.major),
    minor: String(v.minor),
    gitVersion: v.gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2018-07-17T18:43:26Z',
    goVersion: v.minor <= 11 ? 'go1.10.3' : 'go1.22.0',
    compiler: 'gc',
    platform: 'linux/amd64',
  }
}
