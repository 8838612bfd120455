import { OBJECT_META_FIELDS, pathField } from '../../../selectors/selectable-field.js'
import { v1AfterV1beta1 } from '../../group-records.js'
import type { ResourceRecord } from '../../resource-record.js'

/** CertificateSigningRequest (certificates.k8s.io): cluster-scoped. */
export default {
  group: 'certificates.k8s.io',
  kind: 'CertificateSigningRequest',
  resource: 'certificatesigningrequests',
  namespaced: false,
  shortNames: ['csr'],
  sub: { status: 'CertificateSigningRequest', approval: 'CertificateSigningRequest' },
  served: v1AfterV1beta1(19, 4),
  fields: [...OBJECT_META_FIELDS, pathField('spec.signerName', 'string', 18)],
} satisfies ResourceRecord
