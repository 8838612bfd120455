// The resource catalogue lives in the client toolkit, shared with the kubelet and the scheduler.
export { Refs } from '../client/index.js'
