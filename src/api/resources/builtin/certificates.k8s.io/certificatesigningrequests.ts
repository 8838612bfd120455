import { OBJECT_META_FIELDS, pathField } from '../../../selectors/selectable-field.js'
import { LAST, type ResourceRecord } from '../../resource-record.js'

/** CertificateSigningRequest (certificates.k8s.io): cluster-scoped. */
export default {
  group: 'certificates.k8s.io',
  kind: 'CertificateSigningRequest',
  resource: 'certificatesigningrequests',
  namespaced: false,
  shortNames: ['csr'],
  sub: { status: 'CertificateSigningRequest', approval: 'CertificateSigningRequest' },
  served: [
    ['v1', 19, LAST],
    ['v1beta1', 4, 21],
  ],
  fields: [...OBJECT_META_FIELDS, pathField('spec.signerName', 'string', 18)],
} satisfies ResourceRecord
