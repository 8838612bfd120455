import { badRequest, methodNotAllowed, noResource } from '../../api/errors.js'
import type { ResourceCatalog, ResourceInfo } from '../../api/resources/index.js'
import { apiVersionOf, asObject, isObject, type KubeObject } from '../../api/types.js'
import { printTable } from '../printers/index.js'
import type { GenericRegistry, WriteOptions } from '../registry/index.js'
import { toVersion } from '../registry/index.js'
import type { ApiRequest, ApiResponse, ResourcePath } from '../request/index.js'
import { checkDataSize, decodeBody } from './decode-body.js'
import {
  fieldValidationOf,
  pruneApplied,
  pruneUnknownFields,
  pruneWireBody,
  unknownFieldPaths,
  withWarnings,
} from './field-validation.js'
import { paginate, resourceVersionParam, selectionOf } from './list-options.js'
import { listJson, objectJson } from './object-json.js'
import { applyPatch, patchBody, patchObject, patchTypeOf, PatchTypes } from './patch-request.js'
import {
  boolParam,
  dryRun,
  fieldManager,
  includeObject,
  intParam,
  wantsTable,
  type TableVersion,
} from './query-options.js'
import { SubresourceHandler, type LogSource } from './subresource-handler.js'
import type { StreamingRuntime } from '../streaming/index.js'

/** What the resource handler needs. */
export interface ResourceHandlerDeps {
  catalog: ResourceCatalog
  registry: GenericRegistry
  now: () => Date
  logs: LogSource
  /** The kubelets' runtime, for the proxy subresources. */
  runtime?: StreamingRuntime
  /** Seconds between watch bookmarks. */
  bookmarkEverySeconds: number
}

/** Serves the REST verbs of every resource path: get, list, watch, create, update, patch, delete, deletecollection. */
export class ResourceHandler {
  private d: ResourceHandlerDeps
  private subs: SubresourceHandler

  constructor(deps: ResourceHandlerDeps) {
    this.d = deps
    this.subs = new SubresourceHandler(deps.registry, deps.logs, deps.runtime)
  }

  /** Returns the answer to a request on a resource path. */
  async handle(req: ApiRequest, p: ResourcePath): Promise<ApiResponse> {
    const info = this.d.catalog.lookup(p.group, p.version, p.resource)
    if (!info) throw noResource()
    if (p.namespace !== undefined && !info.namespaced) throw noResource()
    if (info.namespaced && p.namespace === undefined && p.name !== undefined) throw noResource()
    const ns = p.namespace ?? ''
    const m = req.method.toUpperCase()
    if (p.subresource)
      return this.subs.handle(req, info, ns, p.name!, p.subresource, this.writeOpts(req))
    const watching = p.legacyWatch || boolParam(req, 'watch')
    const verb =
      m === 'GET'
        ? p.name
          ? p.legacyWatch
            ? 'watch'
            : 'get'
          : watching
            ? 'watch'
            : 'list'
        : m === 'POST'
          ? p.name
            ? ''
            : 'create'
          : m === 'PUT'
            ? p.name
              ? 'update'
              : ''
            : m === 'PATCH'
              ? p.name
                ? 'patch'
                : ''
              : m === 'DELETE'
                ? p.name
                  ? 'delete'
                  : 'deletecollection'
                : ''
    if (!verb || !info.verbs.includes(verb))
      throw methodNotAllowed('the server does not allow this method on the requested resource')
    switch (verb) {
      case 'get':
        return this.render(req, info, [this.d.registry.read(info, ns, p.name!)], true)
      case 'list':
        return this.list(req, info, p.namespace)
      case 'watch':
        return this.watch(req, info, p.namespace, p.name)
      case 'create':
        return this.create(req, info, ns)
      case 'update': {
        const body = decodeBody(req)
        const warnings = pruneWireBody(req, info, this.d.catalog.kubeVersion, body)
        checkDataSize(info.kind, body)
        const obj = await this.d.registry.update(info, ns, p.name!, body, this.writeOpts(req))
        return withWarnings({ status: 200, body: obj }, warnings)
      }
      case 'patch':
        return this.patch(req, info, ns, p.name!)
      case 'delete':
        return this.delete(req, info, ns, p.name!)
      default:
        return this.deleteCollection(req, info, p.namespace)
    }
  }

  private writeOpts(req: ApiRequest): WriteOptions {
    return { dryRun: dryRun(req), fieldManager: fieldManager(req), user: req.user }
  }

  private async create(req: ApiRequest, info: ResourceInfo, ns: string): Promise<ApiResponse> {
    const body = decodeBody(req)
    const warnings = pruneWireBody(req, info, this.d.catalog.kubeVersion, body)
    checkDataSize(info.kind, body)
    const obj = await this.d.registry.create(info, ns, body, this.writeOpts(req))
    return withWarnings({ status: 201, body: obj }, warnings)
  }

  private async patch(
    req: ApiRequest,
    info: ResourceInfo,
    ns: string,
    name: string
  ): Promise<ApiResponse> {
    const type = patchTypeOf(req.headers['content-type'], info)
    const patch = patchBody(req.body, type)
    const opts = this.writeOpts(req)
    const live = this.d.registry.find(info, ns, name)
    const wire = Buffer.isBuffer(req.body)
    const version = this.d.catalog.kubeVersion
    const directive = wire ? fieldValidationOf(req, version) : 'Ignore'
    let warnings: string[] = []
    if (type === PatchTypes.apply) {
      if (wire) warnings = pruneApplied(info, version, patch, ns, name, directive)
      if (req.query.get('fieldManager') === null)
        throw badRequest('PATCH requests with the apply content type require a fieldManager')
      if (
        isObject(patch) &&
        isObject(patch.metadata) &&
        patch.metadata.name !== undefined &&
        patch.metadata.name !== name
      ) {
        throw badRequest(
          `the name of the object (${String(patch.metadata.name)}) does not match the name on the URL (${name})`
        )
      }
      const now = this.d
        .now()
        .toISOString()
        .replace(/\.\d+Z$/, 'Z')
      const applied = applyPatch(live, patch, info, opts.fieldManager, boolParam(req, 'force'), now)
      checkDataSize(info.kind, applied)
      const applyOpts = { ...opts, keepManagedFields: true }
      if (!live) {
        applied.metadata.name = name
        const created = await this.d.registry.create(info, ns, applied, applyOpts)
        return withWarnings({ status: 201, body: created }, warnings)
      }
      delete applied.metadata.resourceVersion
      const updated = await this.d.registry.update(info, ns, name, applied, applyOpts)
      return withWarnings({ status: 200, body: updated }, warnings)
    }
    const current = live ?? this.d.registry.get(info, ns, name)
    // Fields the live object already held unknown are not the request's: only new ones are reported.
    const before =
      wire && directive !== 'Ignore' ? unknownFieldPaths(info, version, current) : undefined
    const next = patchObject(current, patch, type, info)
    if (wire)
      warnings = pruneUnknownFields(
        info,
        version,
        next,
        directive,
        { patch: JSON.stringify(next) },
        before
      ).warnings
    checkDataSize(info.kind, next)
    const updated = await this.d.registry.update(info, ns, name, next, opts)
    return withWarnings({ status: 200, body: updated }, warnings)
  }

  private async delete(
    req: ApiRequest,
    info: ResourceInfo,
    ns: string,
    name: string
  ): Promise<ApiResponse> {
    const body =
      req.body !== undefined && (!Buffer.isBuffer(req.body) || req.body.length > 0)
        ? decodeBody(req)
        : {}
    const o = asObject(body)
    const policy = (o.propagationPolicy ?? req.query.get('propagationPolicy') ?? undefined) as
      string | undefined
    if (policy !== undefined && !['Orphan', 'Background', 'Foreground'].includes(policy)) {
      throw badRequest(
        `propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`
      )
    }
    const orphan =
      o.orphanDependents ??
      (req.query.has('orphanDependents') ? boolParam(req, 'orphanDependents') : undefined)
    const grace =
      typeof o.gracePeriodSeconds === 'number'
        ? o.gracePeriodSeconds
        : intParam(req, 'gracePeriodSeconds')
    const deleted = await this.d.registry.delete(info, ns, name, {
      ...this.writeOpts(req),
      ...(o.dryRun ? { dryRun: true } : {}),
      ...(policy
        ? { propagationPolicy: policy as 'Orphan' }
        : orphan === true
          ? { propagationPolicy: 'Orphan' as const }
          : {}),
      ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}),
      ...(isObject(o.preconditions) ? { preconditions: o.preconditions as { uid?: string } } : {}),
    })
    return { status: 200, body: deleted }
  }

  private async deleteCollection(
    req: ApiRequest,
    info: ResourceInfo,
    ns: string | undefined
  ): Promise<ApiResponse> {
    const selection = selectionOf(req, info)
    const { items } = this.d.registry.list(info, ns, { label: selection.label })
    const out: KubeObject[] = []
    for (const o of items.filter(selection.matches)) {
      out.push(
        await this.d.registry.delete(
          info,
          o.metadata.namespace ?? '',
          o.metadata.name ?? '',
          this.writeOpts(req)
        )
      )
    }
    return {
      status: 200,
      body: {
        apiVersion: apiVersionOf(info.group, info.version),
        kind: `${info.kind}List`,
        metadata: {},
        items: out,
      },
    }
  }

  private list(req: ApiRequest, info: ResourceInfo, ns: string | undefined): ApiResponse {
    resourceVersionParam(req)
    const selection = selectionOf(req, info)
    const { items, rv } = this.d.registry.list(info, ns, {
      copy: false,
      label: selection.label,
    })
    const page = paginate(req, items.filter(selection.matches), rv, 0)
    const meta = {
      resourceVersion: String(rv),
      ...(page.continueToken
        ? { continue: page.continueToken, remainingItemCount: page.remaining }
        : {}),
    }
    const objs = page.items.map((o) => toVersion(o, info))
    const table = wantsTable(req.headers.accept)
    if (table)
      return {
        status: 200,
        body: this.table(req, info, objs, table, meta.resourceVersion, page.continueToken),
      }
    const head = {
      apiVersion: apiVersionOf(info.group, info.version),
      kind: `${info.kind}List`,
      metadata: meta,
    }
    return { status: 200, body: { ...head, items: objs }, encoded: () => listJson(head, objs) }
  }

  private render(
    req: ApiRequest,
    info: ResourceInfo,
    objs: KubeObject[],
    single: boolean
  ): ApiResponse {
    const table = wantsTable(req.headers.accept)
    if (!table) {
      const one = objs[0]
      return single && one
        ? { status: 200, body: one, encoded: () => objectJson(one) }
        : { status: 200, body: single ? one : objs }
    }
    return {
      status: 200,
      body: this.table(req, info, objs, table, objs[0]?.metadata.resourceVersion ?? ''),
    }
  }

  private table(
    req: ApiRequest,
    info: ResourceInfo,
    objects: KubeObject[],
    apiVersion: TableVersion,
    rv: string,
    cont?: string
  ) {
    return printTable({
      resource: info.resource,
      group: info.group,
      objects,
      now: this.d.now(),
      includeObject: includeObject(req),
      apiVersion,
      resourceVersion: rv,
      ...(cont ? { continueToken: cont } : {}),
      ...(info.crd ? { printerColumns: info.crd.printerColumns } : {}),
      ...(info.printer ? { printer: info.printer } : {}),
    })
  }

  private watch(
    req: ApiRequest,
    info: ResourceInfo,
    ns: string | undefined,
    name?: string
  ): ApiResponse {
    const { matches: match, exactField } = selectionOf(req, info)
    const byName = name ? (o: KubeObject) => o.metadata.name === name && match(o) : match
    const sendInitialEvents = boolParam(req, 'sendInitialEvents')
    const allowBookmarks = boolParam(req, 'allowWatchBookmarks')
    if (
      sendInitialEvents &&
      (req.query.get('resourceVersionMatch') !== 'NotOlderThan' || !allowBookmarks)
    ) {
      throw badRequest(
        'sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless resourceVersionMatch is set to NotOlderThan and allowWatchBookmarks is true'
      )
    }
    const resourceVersion = resourceVersionParam(req)
    const table = wantsTable(req.headers.accept)
    const timeout = intParam(req, 'timeoutSeconds')
    const apiVersion = apiVersionOf(info.group, info.version)
    const render = (o: KubeObject) =>
      table
        ? this.table(req, info, [toVersion(o, info)], table, o.metadata.resourceVersion ?? '')
        : toVersion(o, info)
    return {
      status: 200,
      watch: this.d.registry.watch({
        info,
        ...(ns ? { namespace: ns } : {}),
        matches: byName,
        ...(exactField ? { exactField } : {}),
        render,
        bookmark: (rv, end) => ({
          kind: info.kind,
          apiVersion,
          metadata: {
            resourceVersion: rv,
            ...(end ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {}),
          },
        }),
        resourceVersion: resourceVersion === undefined ? '' : String(resourceVersion),
        // Plain JSON depends on the object and the version only: encode each event once for all.
        ...(table ? {} : { encodeKey: `json:${apiVersion}` }),
        sendInitialEvents,
        allowBookmarks,
        timeoutSeconds: timeout && timeout > 0 ? timeout : 1800,
        bookmarkEverySeconds: this.d.bookmarkEverySeconds,
        contentType: 'application/json',
      }),
    }
  }
}
