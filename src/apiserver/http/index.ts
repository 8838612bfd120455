/** @module http: the HTTPS front end of the API server (authentication, bodies, streams). */
export * from './https-server.js'
