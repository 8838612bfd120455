import { builtinResources, groupRank } from './builtin-resources.js'
import type { KubeVersion } from './kube-version.js'
import { BUILTIN_RECORDS } from './builtin-records.js'
import type { ResourceInfo } from './resource-info.js'
import type { ResourceRecord } from './resource-record.js'
import { compareKubeVersions } from './version-priority.js'

/** A served API group with its versions, preferred first. */
export interface ServedGroup {
  name: string
  versions: string[]
}

/**
 * Holds what the API server serves: the built-in resources of its Kubernetes version and the
 * custom resources of established CRDs. Lookups are by group/version/resource or by kind.
 */
export class ResourceCatalog {
  private builtin: ResourceInfo[]
  private custom = new Map<string, ResourceInfo[]>()
  private all: ResourceInfo[] = []
  private byGvr = new Map<string, ResourceInfo>()
  private byGvk = new Map<string, ResourceInfo>()
  private listeners: (() => void)[] = []

  readonly kubeVersion: KubeVersion

  private enabled: Set<string>
  private records: readonly ResourceRecord[] = BUILTIN_RECORDS

  /** `enabled`: alpha group/versions served besides the defaults (`--runtime-config`). */
  constructor(kubeVersion: KubeVersion, enabled: Iterable<string> = []) {
    this.kubeVersion = kubeVersion
    this.enabled = new Set(enabled)
    this.builtin = builtinResources(kubeVersion, this.enabled, this.records)
    this.rebuild()
  }

  /**
   * Serves more resource records besides the built-in ones, as a kube-apiserver compiled with
   * more types would (a profile's extra resources, a test's); throws when a record's
   * group/version/resource is served already.
   */
  addRecords(records: readonly ResourceRecord[]): void {
    const next = builtinResources(this.kubeVersion, this.enabled, records)
    for (const r of next) {
      if (this.lookup(r.group, r.version, r.resource))
        throw new Error(
          `failed to add the resource record ${r.resource}.${r.group}: ${r.group || 'core'}/${r.version} serves ${r.resource} already`
        )
    }
    this.records = [...this.records, ...records]
    this.builtin = builtinResources(this.kubeVersion, this.enabled, this.records)
    this.rebuild()
    for (const l of this.listeners) l()
  }

  /**
   * Starts serving a group/version that is off by default (`settings.k8s.io/v1alpha1`), as
   * `--runtime-config=<group/version>=true` does; returns false when no record has it.
   */
  enable(groupVersion: string): boolean {
    this.enabled.add(groupVersion)
    const before = this.builtin.length
    this.builtin = builtinResources(this.kubeVersion, this.enabled, this.records)
    if (this.builtin.length === before) return false
    this.rebuild()
    for (const l of this.listeners) l()
    return true
  }

  /** Returns every served resource, in discovery order. */
  resources(): ResourceInfo[] {
    return this.all
  }

  /** Returns the resource served at group/version/resource, if any. */
  lookup(group: string, version: string, resource: string): ResourceInfo | undefined {
    return this.byGvr.get(`${group}/${version}/${resource}`)
  }

  /** Returns the resource for a kind at a group/version, if served. */
  lookupKind(group: string, version: string, kind: string): ResourceInfo | undefined {
    return this.byGvk.get(`${group}/${version}/${kind}`)
  }

  /** Returns every served resource that shares the given storage (all versions and groups of it). */
  sharingStorage(storage: string): ResourceInfo[] {
    return this.all.filter((r) => r.storage === storage)
  }

  /** Returns the served groups (core group "" first), each with its versions, preferred first. */
  groups(): ServedGroup[] {
    const versions = new Map<string, Set<string>>()
    for (const r of this.all) {
      let s = versions.get(r.group)
      if (!s) versions.set(r.group, (s = new Set()))
      s.add(r.version)
    }
    return [...versions.entries()]
      .sort(([a], [b]) => groupRank(a) - groupRank(b) || a.localeCompare(b))
      .map(([name, vs]) => ({ name, versions: [...vs].sort(compareKubeVersions) }))
  }

  /** Replaces the custom resources served for one CRD (empty list: stop serving). */
  setCustom(crdName: string, infos: ResourceInfo[]): void {
    if (infos.length === 0) this.custom.delete(crdName)
    else this.custom.set(crdName, infos)
    this.rebuild()
    for (const l of this.listeners) l()
  }

  /** Registers a callback run whenever the served set changes. */
  onChange(fn: () => void): void {
    this.listeners.push(fn)
  }

  private rebuild(): void {
    this.all = [...this.builtin, ...[...this.custom.values()].flat()]
    this.byGvr.clear()
    this.byGvk.clear()
    for (const r of this.all) {
      this.byGvr.set(`${r.group}/${r.version}/${r.resource}`, r)
      this.byGvk.set(`${r.group}/${r.version}/${r.kind}`, r)
    }
  }
}
