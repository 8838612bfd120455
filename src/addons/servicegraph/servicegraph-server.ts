/**
 * The servicegraph app on :8088: `/graph`, `/d3graph`, `/dotgraph`, `/dotviz`,
 * `/force/forcegraph.html`, with `time_horizon` (default `5m`) and `filter_empty`.
 */
import type { HttpRequest, HttpResponse } from '../../network/index.js'
import { jsonReply, parseTarget, reply, textError } from '../http-reply.js'
import type { MetricsSource } from '../promql/metrics-source.js'
import { parseDuration } from '../promql/promql-parser.js'
import { graphToSvg } from './dot-svg.js'
import { forcegraphPage } from './forcegraph-page.js'
import { queryGraph, toD3, toDot } from './service-graph.js'

const html = 'text/html; charset=utf-8'

/** Answers one servicegraph request, querying `source()` (the real Prometheus or the lab's store). */
export async function servicegraphServe(
  source: () => MetricsSource,
  req: HttpRequest
): Promise<HttpResponse> {
  const { pathname, query } = parseTarget(req)
  if (pathname === '/force/forcegraph.html') return reply(200, forcegraphPage(), html)
  if (pathname === '/' || pathname === '/index.html') {
    const links = ['/force/forcegraph.html', '/dotviz', '/graph', '/d3graph', '/dotgraph']
    return reply(
      200,
      `<!doctype html><title>servicegraph</title><ul>${links.map((l) => `<li><a href="${l}">${l}</a></li>`).join('')}</ul>\n`,
      html
    )
  }
  if (!['/graph', '/d3graph', '/dotgraph', '/dotviz'].includes(pathname))
    return textError(404, '404 page not found')
  const horizon = query.get('time_horizon') || '5m'
  try {
    parseDuration(horizon)
  } catch (err) {
    return textError(500, `could not parse time_horizon: ${(err as Error).message}`)
  }
  const filterEmpty = query.get('filter_empty') === 'true'
  let g
  try {
    g = await queryGraph(source(), horizon, filterEmpty)
  } catch (err) {
    return textError(500, `failed to generate graph: ${(err as Error).message}`)
  }
  if (pathname === '/graph') return jsonReply(200, g)
  if (pathname === '/d3graph') return jsonReply(200, toD3(g))
  if (pathname === '/dotgraph') return reply(200, toDot(g), 'text/plain; charset=utf-8')
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>servicegraph dotviz (onap-mesh-lab)</title></head><body style="font-family:sans-serif"><h3>Istio servicegraph (time horizon ${horizon}) — laid out by onap-mesh-lab, not Graphviz</h3>\n${graphToSvg(g)}</body></html>\n`
  return reply(200, page, html)
}
