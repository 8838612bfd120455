/** @module testing/mesh: fixtures and an in-process fake network for the mesh's tests and benches. */
export { FakeNetwork, okApp, type TestApp } from './fake-network.js'
export { endpointInfo, meshOf, testPod, testService, type TestWorkload } from './mesh-fixtures.js'
