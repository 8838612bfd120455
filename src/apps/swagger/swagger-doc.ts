import { renderTemplate } from '../template.js'
import type { Fields, SwaggerModel } from './swagger-model.js'

type Json = Record<string, unknown>

const ref = (name: string): Json => ({ $ref: `#/definitions/${name}` })

/**
 * Returns the swagger 2.0 document of a model under a base path: per collection a list/create
 * path and a get/delete item path with CreateVim<Name>, Vim<Name>sInfo and Vim<Name>Info; the
 * model's operations and definitions. `vars` fill `{{…}}` in the title and tag (`serviceName`).
 * Throws when a path or field refers to a definition the model does not have.
 */
export function swaggerDocument(
  model: SwaggerModel,
  basePath: string,
  vars: Readonly<Record<string, string>> = {}
): Json {
  const tag = renderTemplate(model.tag, vars)
  const paths: Record<string, Json> = {}
  const definitions: Record<string, Json> = {}
  const op = (summary: string, params: string[], ok: Json, body?: string, code = '200'): Json => ({
    tags: [tag],
    summary,
    consumes: ['application/json'],
    produces: ['application/json'],
    parameters: [
      ...params.map((p) => ({ name: p, in: 'path', required: true, type: 'string' })),
      ...(body
        ? [
            {
              name: 'body',
              in: 'body',
              required: true,
              schema: body === 'object' ? { type: 'object' } : ref(body),
            },
          ]
        : []),
    ],
    responses: {
      [code]: ok,
      '404': { description: 'the resource was not found' },
      '500': { description: 'the VIM failed' },
    },
  })
  const ok = (name: string) => ({ description: 'successful operation', schema: ref(name) })
  const scopeParams = [...model.scope.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '')
  for (const c of model.collections) {
    const [create, list, info] = [`CreateVim${c.name}`, `Vim${c.name}sInfo`, `Vim${c.name}Info`]
    definitions[create] = schemaOf(c.create)
    definitions[list] = schemaOf({ ...model.common, [c.path]: `[${info}]` })
    definitions[info] = schemaOf({ ...c.info, ...model.common })
    const base = `${model.scope}/${c.path}`
    paths[base] = {
      get: op(`query vim ${c.path} list`, scopeParams, ok(list)),
      post: op(`create a vim ${c.name.toLowerCase()}`, scopeParams, ok(info), create),
    }
    paths[`${base}/{${c.id}}`] = {
      get: op(`query a vim ${c.name.toLowerCase()}`, [...scopeParams, c.id], ok(info)),
      delete: op(
        `delete a vim ${c.name.toLowerCase()}`,
        [...scopeParams, c.id],
        { description: 'deleted' },
        undefined,
        '204'
      ),
    }
  }
  for (const [name, fields] of Object.entries(model.definitions))
    definitions[name] = schemaOf(fields)
  for (const o of model.operations)
    paths[o.path] = {
      ...paths[o.path],
      [o.method]: op(o.summary, o.params, ok(o.response), o.body),
    }
  const missing = danglingRefs({ paths, definitions }, definitions)
  if (missing.length > 0)
    throw new Error(`swagger model refers to undefined definitions: ${missing.join(', ')}`)
  return {
    swagger: '2.0',
    info: { version: model.version, title: renderTemplate(model.title, vars) },
    basePath,
    tags: [{ name: tag }],
    paths,
    definitions,
  }
}

function schemaOf(fields: Fields): Json {
  const properties: Record<string, Json> = {}
  for (const [f, t] of Object.entries(fields)) {
    const item = /^\[(\w+)\]$/.exec(t)?.[1]
    properties[f] = item
      ? { type: 'array', items: ref(item) }
      : t === 'array'
        ? { type: 'array', items: { type: 'string' } }
        : { type: t }
  }
  return { type: 'object', properties }
}

function danglingRefs(doc: unknown, definitions: Record<string, Json>): string[] {
  const names = new Set<string>()
  JSON.stringify(doc, (k, v: unknown) => {
    if (k === '$ref' && typeof v === 'string') names.add(v.replace('#/definitions/', ''))
    return v
  })
  return [...names].filter((n) => !(n in definitions)).sort()
}
