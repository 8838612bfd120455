import { asObject, isObject } from '../../api/types.js'
import type { AppFactory } from '../types.js'
import { swaggerDocument } from './swagger-doc.js'
import { loadSwaggerModel } from './swagger-model.js'

/**
 * Creates an app serving swagger documents generated from a model (config: `model`, `vars`,
 * `documents: [{path, basePath}]`), as multicloud's and VF-C's swagger.json views do. Other
 * paths get Django's 404. Throws when the config or the model is invalid.
 */
export const swaggerApp: AppFactory = (ctx) => {
  const c = ctx.config
  if (typeof c.model !== 'string') throw new Error('swagger app: config.model must name a model')
  const model = loadSwaggerModel(c.model)
  const vars = asObject(c.vars) as Record<string, string>
  const docs = new Map<string, Buffer>()
  for (const d of Array.isArray(c.documents) ? c.documents : []) {
    if (!isObject(d) || typeof d.path !== 'string' || typeof d.basePath !== 'string')
      throw new Error('swagger app: config.documents[] needs path and basePath')
    docs.set(d.path, Buffer.from(JSON.stringify(swaggerDocument(model, d.basePath, vars))))
  }
  if (docs.size === 0) throw new Error('swagger app: config.documents is empty')
  return {
    handle: (req) => {
      const path = req.path.split('?')[0] ?? ''
      const doc = docs.get(path)
      if (doc && (req.method === 'GET' || req.method === 'HEAD'))
        return Promise.resolve({
          status: 200,
          headers: {
            'content-type': 'application/json',
            allow: 'GET, HEAD, OPTIONS',
            vary: 'Accept, Cookie',
          },
          body: doc,
        })
      const body = `<h1>Not Found</h1><p>The requested URL ${path} was not found on this server.</p>`
      return Promise.resolve({
        status: 404,
        headers: { 'content-type': 'text/html' },
        body: Buffer.from(body),
      })
    },
  }
}
