import type { Backend, BackendContext } from './backend.js'
import { Backends, type BackendName } from './backend-names.js'
import { ExistingBackend } from './existing/index.js'
import { KindBackend } from './kind/index.js'
import { SimBackend } from './sim/index.js'

/** Makes a backend for a lab (as kind's providers, kwok's runtime registry). */
export type BackendFactory = (ctx: BackendContext) => Backend

/** Every backend by name. */
export const BACKEND_FACTORIES: Readonly<Record<BackendName, BackendFactory>> = {
  [Backends.sim]: (ctx) => new SimBackend(ctx),
  [Backends.kind]: (ctx) => new KindBackend(ctx),
  [Backends.existing]: (ctx) => new ExistingBackend(ctx),
}

/** Returns the backend of that name; throws naming the known ones for any other. */
export function newBackend(name: string, ctx: BackendContext): Backend {
  const factory = (BACKEND_FACTORIES as Record<string, BackendFactory | undefined>)[name]
  if (!factory)
    throw new Error(
      `invalid --backend "${name}": want one of ${Object.keys(BACKEND_FACTORIES).join(', ')}`
    )
  return factory(ctx)
}
