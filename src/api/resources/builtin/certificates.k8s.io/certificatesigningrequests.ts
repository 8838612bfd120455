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
} satisfies ResourceRecord
