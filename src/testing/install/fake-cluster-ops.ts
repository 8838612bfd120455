// Test helper: kubeadm as the sim will emulate it, built from src/cluster's pure functions.
import { randomBytes } from 'node:crypto'
import {
  caCertHash,
  generateBootstrapToken,
  joinCommand,
  parseJoinCommand,
  validateJoin,
} from '../../cluster/index.js'
import { createCa } from '../../util/index.js'
import type { ClusterOps } from '../../install/cluster-ops.js'

/** A kubeadm that refuses a join with a wrong token or hash, and remembers who joined. */
export interface FakeClusterOps extends ClusterOps {
  joined: string[]
}

/** Creates the fake kubeadm for a master at `endpoint`. */
export async function fakeClusterOps(endpoint: string): Promise<FakeClusterOps> {
  const ca = await createCa('kubernetes')
  const token = generateBootstrapToken(randomBytes)
  const hash = caCertHash(ca.certPem)
  const joined: string[] = []
  return {
    joined,
    kubeadmInit: () =>
      Promise.resolve({ joinCommand: joinCommand(endpoint, token, hash), token, caCertHash: hash }),
    kubeadmJoin(node, args) {
      const req = parseJoinCommand(args)
      validateJoin({ ...req, now: new Date() }, { tokens: [{ token }], caCertPem: ca.certPem })
      joined.push(node)
      return Promise.resolve()
    },
  }
}
