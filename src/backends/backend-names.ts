/** The backends a lab can run on (the registry maps each to its factory). */
export const Backends = { sim: 'sim', kind: 'kind', existing: 'existing' } as const

/** A backend name. */
export type BackendName = (typeof Backends)[keyof typeof Backends]
