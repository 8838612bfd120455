/** @module request: the shape of API requests and answers, and what a path names. */
export * from './api-request.js'
export * from './parse-path.js'
