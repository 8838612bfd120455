import type { ResourceRef } from '../client/index.js'

/** The core/v1 pods resource. */
export const podsRef: ResourceRef = { apiVersion: 'v1', resource: 'pods', namespaced: true }

/** The core/v1 nodes resource. */
export const nodesRef: ResourceRef = { apiVersion: 'v1', resource: 'nodes', namespaced: false }

/** The core/v1 events resource. */
export const eventsRef: ResourceRef = { apiVersion: 'v1', resource: 'events', namespaced: true }
