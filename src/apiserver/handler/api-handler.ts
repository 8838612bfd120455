import { isStatusError, noResource, methodNotAllowed } from '../../api/errors.js'
import type { ResourceCatalog } from '../../api/resources/index.js'
import { versionInfo } from '../../api/resources/index.js'
import {
  aggregatedDiscovery,
  AGGREGATED_V2,
  AGGREGATED_V2BETA1,
  apiGroupDoc,
  apiGroupList,
  apiResourceList,
  apiVersions,
  wantsAggregated,
} from '../discovery/index.js'
import {
  openApiGroupVersionBody,
  openApiIndex,
  openApiV2Bodies,
  OPENAPI_V2_PROTOBUF,
  servesOpenApiV3,
  wantsOpenApiV2Protobuf,
} from '../openapi/index.js'
import { RequestMetrics, requestLabels } from '../metrics/index.js'
import {
  parsePath,
  type ApiRequest,
  type ApiResponse,
  type PathTarget,
  type ResourcePath,
} from '../request/index.js'
import type { CallerIdentity } from '../authz/index.js'
import { decodeBody } from './decode-body.js'
import type { ResourceHandler } from './resource-handler.js'

const JSON_TYPE = 'application/json'
// The Prometheus text format, as kube-apiserver's /metrics answers.
const METRICS_TYPE = 'text/plain; version=0.0.4'

/** What the top-level handler needs. */
export interface ApiHandlerDeps {
  catalog: ResourceCatalog
  resources: ResourceHandler
  /** `host:port` clients reach the server at (for `/api`'s serverAddressByClientCIDRs). */
  serverAddress: () => string
  /** Answers the authorization and authentication reviews (undefined: not a review request). */
  reviews?: (req: ApiRequest, p: ResourcePath, decode: () => unknown) => ApiResponse | undefined
  /** Authorizes an in-process component's request as its identity; throws 403 (HTTPS requests are authorized before). */
  authorizeCaller?: (caller: CallerIdentity, req: ApiRequest) => void
}

/**
 * Answers every API request: fixed endpoints (version, health), discovery, OpenAPI, and
 * resource paths, which it hands to the resource handler. Used by the HTTPS server and by the
 * in-process client transport alike.
 */
export class ApiHandler {
  private d: ApiHandlerDeps
  private metrics = new RequestMetrics()

  constructor(deps: ApiHandlerDeps) {
    this.d = deps
  }

  /**
   * Returns the answer to a request; throws StatusError for failures. Every request but
   * `/metrics` itself is counted in the metrics `/metrics` serves. An in-process component's
   * request (`caller` given) goes through RBAC as that component's identity first.
   */
  async handle(req: ApiRequest, caller?: CallerIdentity): Promise<ApiResponse> {
    if (req.path === '/metrics' && (req.method === 'GET' || req.method === 'HEAD')) {
      return { status: 200, text: this.metrics.render(), contentType: METRICS_TYPE }
    }
    const started = performance.now()
    let target: PathTarget | undefined
    try {
      if (caller) this.d.authorizeCaller?.(caller, req)
      target = parsePath(req.path)
      const answer = await this.route(req, target)
      this.served(
        req,
        target,
        started,
        answer.status,
        'contentType' in answer ? (answer.contentType ?? JSON_TYPE) : JSON_TYPE
      )
      return answer
    } catch (err) {
      this.served(req, target, started, isStatusError(err) ? err.code : 500, JSON_TYPE)
      throw err
    }
  }

  /** Counts a finished request in the metrics. */
  private served(
    req: ApiRequest,
    target: PathTarget | undefined,
    started: number,
    code: number,
    contentType: string
  ): void {
    const l = requestLabels(
      req.method,
      target?.type === 'resource' ? target.path : undefined,
      req.path,
      req.query.get('watch')
    )
    this.metrics.record({
      verb: l.verb,
      resource: l.resource,
      subresource: l.subresource,
      scope: l.scope,
      client: req.headers['user-agent'] ?? '',
      contentType,
      code,
      elapsedMs: performance.now() - started,
    })
  }

  private async route(req: ApiRequest, target: PathTarget): Promise<ApiResponse> {
    if (target.type === 'resource') {
      const p = target.path
      if (this.d.reviews && this.d.catalog.lookup(p.group, p.version, p.resource)) {
        const answer = this.d.reviews(req, p, () => decodeBody(req))
        if (answer) return answer
      }
      return this.d.resources.handle(req, p)
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      throw methodNotAllowed('the server does not allow this method on the requested resource')
    const { catalog } = this.d
    switch (target.type) {
      case 'version':
        return { status: 200, body: versionInfo(catalog.kubeVersion) }
      case 'health':
        return { status: 200, text: 'ok', contentType: 'text/plain; charset=utf-8' }
      case 'root':
        return {
          status: 200,
          body: {
            paths: [
              '/api',
              '/api/v1',
              '/apis',
              ...catalog
                .groups()
                .filter((g) => g.name)
                .flatMap((g) => [
                  `/apis/${g.name}`,
                  ...g.versions.map((v) => `/apis/${g.name}/${v}`),
                ]),
              '/healthz',
              '/livez',
              '/metrics',
              '/openapi/v2',
              // Served from 1.24 on, as kube-apiserver does.
              ...(servesOpenApiV3(catalog.kubeVersion) ? ['/openapi/v3'] : []),
              '/readyz',
              '/version',
            ],
          },
        }
      case 'rootApi':
      case 'rootApis': {
        const agg = wantsAggregated(req.headers.accept)
        const core = target.type === 'rootApi'
        if (agg)
          return {
            status: 200,
            body: aggregatedDiscovery(catalog, core, agg),
            contentType: agg === 'v2' ? AGGREGATED_V2 : AGGREGATED_V2BETA1,
          }
        return {
          status: 200,
          body: core ? apiVersions(this.d.serverAddress()) : apiGroupList(catalog),
        }
      }
      case 'group': {
        const doc = apiGroupDoc(catalog, target.group)
        if (!doc) throw noResource()
        return { status: 200, body: doc }
      }
      case 'groupVersion': {
        const doc = apiResourceList(catalog, target.group, target.version)
        if (!doc) throw noResource()
        return { status: 200, body: doc }
      }
      case 'openapiV2': {
        const v2 = openApiV2Bodies(catalog)
        return wantsOpenApiV2Protobuf(req.headers.accept)
          ? { status: 200, binary: v2.protobuf, contentType: OPENAPI_V2_PROTOBUF }
          : { status: 200, text: v2.json, contentType: 'application/json' }
      }
      case 'openapiV3Index':
        return { status: 200, body: openApiIndex(catalog) }
      case 'openapiV3': {
        const doc = openApiGroupVersionBody(catalog, target.group, target.version)
        if (!doc) throw noResource()
        return { status: 200, text: doc.body, contentType: 'application/json' }
      }
    }
  }
}
