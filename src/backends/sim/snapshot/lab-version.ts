import { readFileSync } from 'node:fs'

let cached: string | undefined

/** Returns this lab's version (package.json's `version`), which every snapshot records. */
export function labVersion(): string {
  cached ??= (
    JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as {
      version: string
    }
  ).version
  return cached
}
