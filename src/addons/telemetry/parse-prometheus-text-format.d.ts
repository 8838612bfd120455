/** Types of the npm package parse-prometheus-text-format (used by the exposition tests). */
declare module 'parse-prometheus-text-format' {
  /** One parsed metric family. */
  export interface ParsedFamily {
    name: string
    help: string
    type: 'COUNTER' | 'GAUGE' | 'HISTOGRAM' | 'SUMMARY' | 'UNTYPED'
    metrics: {
      value?: string
      labels?: Record<string, string>
      buckets?: Record<string, string>
      count?: string
      sum?: string
    }[]
  }
  /** Parses the Prometheus text format into metric families. */
  export default function parsePrometheusTextFormat(text: string): ParsedFamily[]
}
