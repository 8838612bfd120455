import type { KubeObject, ObjectMeta } from '../../api/types.js'

/** The server clock the printers' tests print at. */
export const PRINT_NOW = new Date('2024-05-01T12:00:00Z')

/** The print context of the printers' tests: ages are measured against PRINT_NOW. */
export const printCtx = { now: PRINT_NOW }

/** Returns the ISO time `seconds` before PRINT_NOW. */
export function printedAgo(seconds: number): string {
  return new Date(PRINT_NOW.getTime() - seconds * 1000).toISOString()
}

/** Returns an object of `kind` as a printer gets it: metadata, spec and status. */
export function printable(
  kind: string,
  metadata: ObjectMeta,
  spec: object,
  status: object = {},
  apiVersion?: string
): KubeObject {
  return { ...(apiVersion ? { apiVersion } : {}), kind, metadata, spec, status }
}
