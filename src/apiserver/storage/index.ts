/** @module storage: the in-memory object store with one resourceVersion counter and a watch window. */
export * from './memory-store.js'
export * from './event-window.js'
export * from './store-dump.js'
