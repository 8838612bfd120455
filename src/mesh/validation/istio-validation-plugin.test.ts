import { expect } from 'chai'
import type { AdmissionAttributes } from '../../apiserver/admission/index.js'
import type { ResourceInfo } from '../../api/resources/index.js'
import { isStatusError } from '../../api/errors.js'
import { IstioValidationPlugin, validateIstioObject } from './istio-validation-plugin.js'

const vs = (http: unknown[], hosts = ['reviews']) =>
  validateIstioObject('networking.istio.io', 'VirtualService', 'r', 'default', { hosts, http })
    ?.errors

describe('Istio object validation (Galley 1.0)', () => {
  it('refuses weights not summing to 100, retries without attempts, bad durations', () => {
    expect(
      vs([
        {
          route: [
            { destination: { host: 'a' }, weight: 90 },
            { destination: { host: 'b' }, weight: 20 },
          ],
        },
      ])
    ).to.deep.equal(['total destination weight 110 != 100'])
    expect(
      vs([{ route: [{ destination: { host: 'a' } }], retries: { perTryTimeout: '2s' } }])
    ).to.deep.equal(['attempts must be positive'])
    expect(vs([{ route: [{ destination: { host: 'a' } }], timeout: '1.5ms' }])).to.deep.equal([
      'only durations to ms precision are supported',
    ])
    expect(vs([{ route: [{ destination: { host: 'a' } }], timeout: '10' }])).to.deep.equal([
      'timeout: time: missing unit in duration "10"',
    ])
    expect(vs([{ fault: {}, route: [{ destination: { host: 'a' } }] }])).to.deep.equal([
      'HTTP fault injection must have an abort and/or a delay',
    ])
    expect(vs([], ['*'])).to.deep.equal([
      'wildcard host * is not allowed for virtual services bound to the mesh gateway',
      'http, tcp or tls must be provided in virtual service',
    ])
    expect(
      vs([
        {
          route: [{ destination: { host: 'a', subset: 'v1' } }],
          timeout: '3s',
          retries: { attempts: 3 },
        },
      ])
    ).to.deep.equal([])
  })

  it('refuses an unknown tls.mode and MUTUAL without certificates; ServiceEntries pass', () => {
    const dr = (tls: unknown) =>
      validateIstioObject('networking.istio.io', 'DestinationRule', 'd', 'default', {
        host: 'reviews',
        trafficPolicy: { tls },
      })?.errors
    expect(dr({ mode: 'ISTIO_MUTUEL' })).to.deep.equal([
      'unknown value "ISTIO_MUTUEL" for enum istio.networking.v1alpha3.TLSSettings_TLSmode',
    ])
    expect(dr({ mode: 'MUTUAL' })).to.deep.equal([
      'client certificate required for mutual tls',
      'private key required for mutual tls',
    ])
    expect(dr({ mode: 'ISTIO_MUTUAL' })).to.deep.equal([])
    expect(
      validateIstioObject('networking.istio.io', 'ServiceEntry', 's', 'default', { hosts: [] })
        ?.errors
    ).to.deep.equal([])
  })

  it('names MeshPolicy and namespace policies as Pilot requires', () => {
    expect(
      validateIstioObject('authentication.istio.io', 'MeshPolicy', 'mesh', '', {
        targets: [{ name: 'a' }],
      })?.errors
    ).to.deep.equal([
      'cluster-scoped authentication policy name must be "default", found "mesh"',
      'cluster-scoped authentication policy must not have targets',
    ])
  })

  it('denies at admission with the webhook message kubectl prints', async () => {
    const info = {
      group: 'networking.istio.io',
      kind: 'VirtualService',
      namespaced: true,
    } as ResourceInfo
    const a = (spec: unknown, operation: 'CREATE' | 'DELETE' = 'CREATE') =>
      ({
        operation,
        info,
        namespace: 'default',
        name: 'r',
        object: {
          apiVersion: 'networking.istio.io/v1alpha3',
          kind: 'VirtualService',
          metadata: { name: 'r' },
          spec,
        },
        dryRun: false,
        user: 'admin',
      }) as unknown as AdmissionAttributes
    const p = new IstioValidationPlugin()
    const err = await p
      .validate(
        a({
          hosts: ['r'],
          http: [
            {
              route: [
                { destination: { host: 'a' }, weight: 50 },
                { destination: { host: 'b' }, weight: 40 },
              ],
            },
          ],
        })
      )
      .catch((e: unknown) => e)
    expect(isStatusError(err)).to.equal(true)
    expect((err as Error).message).to.equal(
      'admission webhook "pilot.validation.istio.io" denied the request: configuration is invalid: 1 error occurred:\n\n* total destination weight 90 != 100'
    )
    await p.validate(a({ hosts: ['r'] }, 'DELETE'))
    await p.validate(a({ hosts: ['r'], http: [{ route: [{ destination: { host: 'a' } }] }] }))
  })
})
