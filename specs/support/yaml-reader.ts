// Reads a YAML data file into typed values, naming the file and field of anything missing or
// mistyped (`onap-pods.yaml: deployments[3].ready: want a mapping`).
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parse } from 'yaml'

/** A place in a YAML document, for messages and for reading fields. */
export class YamlNode {
  /** The value at this place. */
  readonly value: unknown
  /** `<file>: <path>` for messages. */
  readonly where: string

  constructor(value: unknown, where: string) {
    this.value = value
    this.where = where
  }

  /** Returns the field `key` of this mapping (throws when this is not a mapping). */
  get(key: string): YamlNode {
    const v = this.value
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw this.error('want a mapping')
    const sep = this.where.endsWith(': ') ? '' : '.'
    return new YamlNode((v as Record<string, unknown>)[key], `${this.where}${sep}${key}`)
  }

  /** Returns the field `key` when this and the field are present, else undefined. */
  child(key: string): YamlNode | undefined {
    if (this.isAbsent()) return undefined
    const node = this.get(key)
    return node.isAbsent() ? undefined : node
  }

  /** Returns whether this is null or undefined. */
  isAbsent(): boolean {
    return this.value === undefined || this.value === null
  }

  /** Returns this as a string; numbers and booleans are taken as their text. */
  str(): string {
    const v = this.value
    if (typeof v === 'string') return v
    if (typeof v === 'number' || typeof v === 'boolean') return String(v)
    throw this.error('want a string')
  }

  /** Returns this as a string, or `fallback` when absent. */
  optStr(fallback: string): string {
    return this.isAbsent() ? fallback : this.str()
  }

  /** Returns this as a number. */
  num(): number {
    if (typeof this.value === 'number') return this.value
    throw this.error('want a number')
  }

  /** Returns the items of this list ([] when absent). */
  list(): YamlNode[] {
    if (this.isAbsent()) return []
    if (!Array.isArray(this.value)) throw this.error('want a list')
    return this.value.map((v, i) => new YamlNode(v, `${this.where}[${i}]`))
  }

  /** Returns the entries of this mapping ([] when absent). */
  entries(): [string, YamlNode][] {
    if (this.isAbsent()) return []
    return Object.keys(this.value as object).map((k) => [k, this.get(k)])
  }

  /** Returns an Error naming this place. */
  error(message: string): Error {
    return new Error(`${this.where}: ${message}`)
  }
}

/** Returns the root of a YAML text; `source` names it in messages. */
export function parseYamlNode(text: string, source: string): YamlNode {
  try {
    return new YamlNode(parse(text), `${source}: `)
  } catch (err) {
    throw new Error(`${source}: not valid YAML`, { cause: err })
  }
}

/** Returns the root of a YAML file, named by its base name in messages. */
export function readYamlNode(path: string): YamlNode {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (err) {
    throw new Error(`failed to read expectations: ${path}`, { cause: err })
  }
  return parseYamlNode(text, basename(path))
}
