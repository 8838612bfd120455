/**
 * The jaeger all-in-one image's app (istio-tracing): the Zipkin collector on 9411 and the query
 * API with the lab's trace page on 16686.
 */
import { parseTarget, reply, textError } from '../http-reply.js'
import { jaegerQuery } from '../tracing/jaeger-query.js'
import type { SpanStore } from '../tracing/span-store.js'
import { tracePage } from '../tracing/trace-page.js'
import { zipkinCollector } from '../tracing/zipkin-collector.js'
import type { AddonAppFactory } from './addon-app.js'

/** Returns the jaeger app factory over the lab's span store. */
export function jaegerApp(store: SpanStore, now: () => number = Date.now): AddonAppFactory {
  return () => ({
    handle: async (req, ctx) => {
      if (ctx.port === 9411)
        return zipkinCollector(store, req) ?? textError(404, '404 page not found')
      if (ctx.port !== 16686) return textError(404, '404 page not found')
      const api = jaegerQuery(store, req, now())
      if (api) return api
      const { pathname } = parseTarget(req)
      if (pathname === '/' || pathname === '/search' || pathname.startsWith('/trace/'))
        return reply(200, tracePage(), 'text/html; charset=utf-8')
      return textError(404, '404 page not found')
    },
  })
}
