/**
 * The 1.11 scheduler's predicate failure reasons, as FitError counts them
 * (pkg/scheduler/algorithm/predicates/error.go).
 */
export const Reasons = {
  nodeNotReady: 'node(s) were not ready',
  nodeOutOfDisk: 'node(s) were out of disk space',
  nodeNetworkUnavailable: 'node(s) had unavailable network',
  nodeUnschedulable: 'node(s) were unschedulable',
  nodeUnknownCondition: 'node(s) had unknown conditions',
  hostName: "node(s) didn't match the requested hostname",
  hostPorts: "node(s) didn't have free ports for the requested pod ports",
  nodeSelector: "node(s) didn't match node selector",
  taints: "node(s) had taints that the pod didn't tolerate",
  memoryPressure: 'node(s) had memory pressure',
  diskPressure: 'node(s) had disk pressure',
  pidPressure: 'node(s) had pid pressure',
  podAffinity: "node(s) didn't match pod affinity/anti-affinity",
  podAffinityRules: "node(s) didn't match pod affinity rules",
  podAntiAffinityRules: "node(s) didn't match pod anti-affinity rules",
  existingAntiAffinity: "node(s) didn't satisfy existing pods anti-affinity rules",
} as const

/** Returns the reason for a resource the node lacks (`Insufficient memory`). */
export function insufficient(resource: string): string {
  return `Insufficient ${resource}`
}
