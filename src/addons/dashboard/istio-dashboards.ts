/**
 * Istio 1.0's Mesh, Service and Workload dashboards (`addons/grafana/dashboards/*.json`) as data:
 * titles, uids, refresh intervals, variables and the panels' PromQL (reference §5).
 */

/** One panel: a single stat (value + sparkline), a graph of series, or the mesh's workload table. */
export interface PanelDef {
  title: string
  kind: 'stat' | 'graph' | 'workloads'
  unit: 'ops' | 'percentunit' | 's' | 'none'
  /** PromQL with `$var` placeholders; `legend` uses `{{label}}` as Grafana's legendFormat. */
  targets: { expr: string; legend?: string }[]
}

/** One dashboard. */
export interface DashboardDef {
  uid: string
  slug: string
  title: string
  refreshSeconds: number
  /** Template variable: its name(s) and the query whose series' labels give the choices. */
  variable?: { names: string[]; expr: string }
  panels: PanelDef[]
}

const dst = 'reporter="destination"'
const ok = 'response_code!~"5.*"'
// The graphs follow the request rate (`irate`); the mesh's workload table is an instant query of
// `rate` over the minute (reference §5), so a workload keeps its latency and success rate for the
// minute after its last request instead of N/A once two scrapes in a row see no new request.
const quantiles = (sel: string, by: string, prefix = '', fn: 'irate' | 'rate' = 'irate') =>
  [0.5, 0.9, 0.99].map((q) => ({
    expr: `histogram_quantile(${q}, sum(${fn}(istio_request_duration_seconds_bucket{${sel}}[1m])) by (le${by ? `, ${by}` : ''}))`,
    legend: `${prefix}P${Math.round(q * 100)}`,
  }))

/** The three Istio dashboards the lab's page shows. */
export const istioDashboards: DashboardDef[] = [
  {
    uid: '1',
    slug: 'istio-mesh-dashboard',
    title: 'Istio Mesh Dashboard',
    refreshSeconds: 5,
    panels: [
      {
        title: 'Global Request Volume',
        kind: 'stat',
        unit: 'ops',
        targets: [{ expr: `round(sum(irate(istio_requests_total{${dst}}[1m])), 0.001)` }],
      },
      {
        title: 'Global Success Rate (non-5xx responses)',
        kind: 'stat',
        unit: 'percentunit',
        targets: [
          {
            expr: `sum(rate(istio_requests_total{${dst}, ${ok}}[1m])) / sum(rate(istio_requests_total{${dst}}[1m]))`,
          },
        ],
      },
      {
        title: '4xxs',
        kind: 'stat',
        unit: 'ops',
        targets: [{ expr: `sum(irate(istio_requests_total{${dst}, response_code=~"4.*"}[1m]))` }],
      },
      {
        title: '5xxs',
        kind: 'stat',
        unit: 'ops',
        targets: [{ expr: `sum(irate(istio_requests_total{${dst}, response_code=~"5.*"}[1m]))` }],
      },
      {
        title: 'HTTP/GRPC Workloads',
        kind: 'workloads',
        unit: 'none',
        targets: [
          {
            expr: `label_join(sum(rate(istio_requests_total{${dst}, response_code="200"}[1m])) by (destination_workload, destination_workload_namespace, destination_service), "destination_workload_var", ".", "destination_workload", "destination_workload_namespace")`,
            legend: 'requests',
          },
          ...quantiles(dst, 'destination_workload, destination_workload_namespace', '', 'rate'),
          {
            expr: `sum(rate(istio_requests_total{${dst}, ${ok}}[1m])) by (destination_workload, destination_workload_namespace) / sum(rate(istio_requests_total{${dst}}[1m])) by (destination_workload, destination_workload_namespace)`,
            legend: 'success',
          },
        ],
      },
    ],
  },
  {
    uid: 'LJ_uJAvmk',
    slug: 'istio-service-dashboard',
    title: 'Istio Service Dashboard',
    refreshSeconds: 10,
    variable: { names: ['service'], expr: 'sum(istio_requests_total) by (destination_service)' },
    panels: [
      {
        title: 'Client Request Volume',
        kind: 'stat',
        unit: 'ops',
        targets: [
          {
            expr: 'round(sum(rate(istio_requests_total{reporter="source",destination_service=~"$service"}[30s])), 0.001)',
          },
        ],
      },
      {
        title: 'Client Success Rate (non-5xx responses)',
        kind: 'stat',
        unit: 'percentunit',
        targets: [
          {
            expr: `sum(rate(istio_requests_total{reporter="source",destination_service=~"$service",${ok}}[30s])) / sum(rate(istio_requests_total{reporter="source",destination_service=~"$service"}[30s]))`,
          },
        ],
      },
      {
        title: 'Client Request Duration',
        kind: 'graph',
        unit: 's',
        targets: quantiles('reporter="source",destination_service=~"$service"', ''),
      },
      {
        title: 'Server Request Volume',
        kind: 'stat',
        unit: 'ops',
        targets: [
          {
            expr: 'round(sum(rate(istio_requests_total{reporter="destination",destination_service=~"$service"}[30s])), 0.001)',
          },
        ],
      },
      {
        title: 'Server Success Rate (non-5xx responses)',
        kind: 'stat',
        unit: 'percentunit',
        targets: [
          {
            expr: `sum(rate(istio_requests_total{reporter="destination",destination_service=~"$service",${ok}}[30s])) / sum(rate(istio_requests_total{reporter="destination",destination_service=~"$service"}[30s]))`,
          },
        ],
      },
      {
        title: 'Server Request Duration',
        kind: 'graph',
        unit: 's',
        targets: quantiles('reporter="destination",destination_service=~"$service"', ''),
      },
      {
        title: 'Incoming Requests By Source And Response Code',
        kind: 'graph',
        unit: 'ops',
        targets: [
          {
            expr: 'round(sum(irate(istio_requests_total{reporter="destination",destination_service=~"$service"}[1m])) by (source_workload, source_workload_namespace, response_code), 0.001)',
            legend: '{{ source_workload }}.{{ source_workload_namespace }} : {{ response_code }}',
          },
        ],
      },
    ],
  },
  {
    uid: 'UbsSZTDik',
    slug: 'istio-workload-dashboard',
    title: 'Istio Workload Dashboard',
    refreshSeconds: 10,
    variable: {
      names: ['workload', 'namespace'],
      expr: 'sum(istio_requests_total{reporter="destination"}) by (destination_workload, destination_workload_namespace)',
    },
    panels: [
      {
        title: 'Incoming Request Volume',
        kind: 'stat',
        unit: 'ops',
        targets: [
          {
            expr: 'round(sum(irate(istio_requests_total{reporter="destination",destination_workload_namespace=~"$namespace",destination_workload=~"$workload"}[1m])), 0.001)',
          },
        ],
      },
      {
        title: 'Incoming Success Rate (non-5xx responses)',
        kind: 'stat',
        unit: 'percentunit',
        targets: [
          {
            expr: `sum(irate(istio_requests_total{reporter="destination",destination_workload_namespace=~"$namespace",destination_workload=~"$workload",${ok}}[1m])) / sum(irate(istio_requests_total{reporter="destination",destination_workload_namespace=~"$namespace",destination_workload=~"$workload"}[1m]))`,
          },
        ],
      },
      {
        title: 'Request Duration',
        kind: 'graph',
        unit: 's',
        targets: quantiles(
          'reporter="destination",destination_workload=~"$workload",destination_workload_namespace=~"$namespace"',
          ''
        ),
      },
      {
        title: 'Incoming Requests By Source And Response Code',
        kind: 'graph',
        unit: 'ops',
        targets: [
          {
            expr: 'round(sum(irate(istio_requests_total{reporter="destination",destination_workload=~"$workload",destination_workload_namespace=~"$namespace"}[1m])) by (source_workload, source_workload_namespace, response_code), 0.001)',
            legend: '{{ source_workload }}.{{ source_workload_namespace }} : {{ response_code }}',
          },
        ],
      },
      {
        title: 'Outgoing Requests By Destination And Response Code',
        kind: 'graph',
        unit: 'ops',
        targets: [
          {
            expr: 'round(sum(irate(istio_requests_total{reporter="source", source_workload=~"$workload", source_workload_namespace=~"$namespace"}[1m])) by (destination_service, response_code), 0.001)',
            legend: '{{ destination_service }} : {{ response_code }}',
          },
        ],
      },
    ],
  },
]
