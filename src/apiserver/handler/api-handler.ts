import { noResource, methodNotAllowed } from '../../api/errors.js'
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
import { openApiGroupVersionBody, openApiIndex } from '../openapi/index.js'
import { parsePath, type ApiRequest, type ApiResponse } from '../request/index.js'
import type { ResourceHandler } from './resource-handler.js'

const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf'

/** Returns an OpenAPI v2 `Document` in gnostic's protobuf encoding with only swagger and info set. */
function emptyOpenApiV2(version: string): Buffer {
  const field = (n: number, b: Buffer) => Buffer.concat([Buffer.from([(n << 3) | 2, b.length]), b])
  const info = Buffer.concat([field(1, Buffer.from('Kubernetes')), field(2, Buffer.from(version))])
  return Buffer.concat([field(1, Buffer.from('2.0')), field(2, info)])
}

/** What the top-level handler needs. */
export interface ApiHandlerDeps {
  catalog: ResourceCatalog
  resources: ResourceHandler
  /** `host:port` clients reach the server at (for `/api`'s serverAddressByClientCIDRs). */
  serverAddress: () => string
}

/**
 * Answers every API request: fixed endpoints (version, health), discovery, OpenAPI, and
 * resource paths, which it hands to the resource handler. Used by the HTTPS server and by the
 * in-process client transport alike.
 */
export class ApiHandler {
  private d: ApiHandlerDeps

  constructor(deps: ApiHandlerDeps) {
    this.d = deps
  }

  /** Returns the answer to a request; throws StatusError for failures. */
  async handle(req: ApiRequest): Promise<ApiResponse> {
    const target = parsePath(req.path)
    if (target.type === 'resource') return this.d.resources.handle(req, target.path)
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
              '/openapi/v3',
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
      case 'openapiV2':
        // The v3 documents are the lab's schema source; v2 answers an empty (schema-less) document
        // so that kubectl's fallback for a kind missing from v3 finds "no schema" rather than a 404.
        return {
          status: 200,
          binary: emptyOpenApiV2(catalog.kubeVersion.gitVersion),
          contentType: OPENAPI_V2_PROTOBUF,
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
