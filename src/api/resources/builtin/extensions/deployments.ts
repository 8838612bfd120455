import { deploymentPrinter } from '../../../printers/index.js'
import appsDeployments from '../apps/deployments.js'
import { type ResourceRecord } from '../../resource-record.js'

/** Deployment (extensions): namespaced. */
export default {
  group: 'extensions',
  kind: 'Deployment',
  resource: 'deployments',
  namespaced: true,
  shortNames: ['deploy'],
  sub: {
    status: 'Deployment',
    scale: ['Scale', 'extensions', 'v1beta1'],
    rollback: 'DeploymentRollback',
  },
  storage: 'deployments',
  served: [['v1beta1', 2, 15]],
  printer: deploymentPrinter,
  patchMeta: appsDeployments.patchMeta,
} satisfies ResourceRecord
