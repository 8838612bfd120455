import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { asObject, isObject, type JsonObject } from '../../api/types.js'

const FILE = new URL('./descriptions.yaml', import.meta.url)

/** The lab's own descriptions: by a type's short name, its fields' texts (`.` is the type's). */
export type Descriptions = Readonly<Record<string, Readonly<Record<string, string>>>>

let loaded: Descriptions | undefined

/** Returns ./descriptions.yaml, read once; throws naming the file and key of a bad entry. */
export function labDescriptions(): Descriptions {
  if (loaded) return loaded
  const doc: unknown = parse(readFileSync(FILE, 'utf8'))
  if (!isObject(doc)) throw new Error(`${FILE.pathname}: want a mapping of type names`)
  for (const [type, fields] of Object.entries(doc)) {
    if (!isObject(fields)) throw new Error(`${FILE.pathname}: ${type}: want a mapping of fields`)
    for (const [field, text] of Object.entries(fields))
      if (typeof text !== 'string' || text === '')
        throw new Error(`${FILE.pathname}: ${type}.${field}: want a sentence`)
  }
  loaded = doc as Descriptions
  return loaded
}

/**
 * Lays descriptions over freshly read definitions, in place: each definition whose name ends with
 * `.<type>` gets the type's text and its fields' texts where it has those fields.
 */
export function describeDefinitions(
  definitions: Record<string, JsonObject>,
  descriptions: Descriptions = labDescriptions()
): void {
  for (const [name, def] of Object.entries(definitions)) {
    const texts = descriptions[name.slice(name.lastIndexOf('.') + 1)]
    if (!texts) continue
    const props = asObject(def['properties'])
    for (const [field, text] of Object.entries(texts)) {
      if (field === '.') def['description'] = text
      else if (isObject(props[field])) props[field]['description'] = text
    }
  }
}
