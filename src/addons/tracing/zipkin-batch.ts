/**
 * One proxy's flush as the JSON value of its POST (`FetchInit.json`): its JSON is the Zipkin v1
 * array of its spans, written field by field only when the body's bytes are read; its length is
 * counted the same way without the text (the pod's eth0 meter).
 */
import { jsonLengthKey, jsonTextKey, type SelfSerializing } from '../../network/index.js'
import type { EnvoySpan } from './envoy-span.js'
import { spanJsonLength } from './zipkin-json-length.js'
import { TextSink, writeSpan, type JsonSink } from './zipkin-json.js'

/** A batch of proxy spans, POSTed to `/api/v1/spans` as Zipkin v1 JSON. */
export class ZipkinBatch implements SelfSerializing {
  readonly spans: readonly EnvoySpan[]

  constructor(spans: readonly EnvoySpan[]) {
    this.spans = spans
  }

  /** JSON.stringify of a batch is the array of its spans' Zipkin v1 JSON. */
  toJSON(): readonly EnvoySpan[] {
    return this.spans
  }

  /** Returns exactly `JSON.stringify(this)`. */
  [jsonTextKey](): string {
    const sink = new TextSink()
    this.write(sink)
    return sink.text
  }

  /** Returns the UTF-8 length of `JSON.stringify(this)`, without writing it. */
  [jsonLengthKey](): number {
    const spans = this.spans
    // `[`, `]` and the commas between the spans.
    let n = spans.length > 0 ? spans.length + 1 : 2
    for (let i = 0; i < spans.length; i++) n += spanJsonLength(spans[i]!)
    return n
  }

  private write(out: JsonSink): void {
    out.lit('[')
    for (let i = 0; i < this.spans.length; i++) {
      if (i) out.lit(',')
      writeSpan(this.spans[i]!, out)
    }
    out.lit(']')
  }
}
