/** @module watch: watch streams over the store with kube-apiserver's semantics (WatchList, bookmarks, 410). */
export * from './watch-stream.js'
export * from './long-timeout.js'
