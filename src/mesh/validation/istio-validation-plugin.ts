import type { AdmissionAttributes, ValidatingPlugin } from '../../apiserver/admission/index.js'
import { badRequest } from '../../api/errors.js'
import type { AuthnPolicySpec } from '../model/istio-types.js'
import { validateAuthnPolicy } from './authn-validation.js'
import { validateMixerObject } from './mixer-validation.js'
import {
  validateDestinationRule,
  validateGateway,
  validateVirtualService,
} from './networking-validation.js'

/** Formats errors as hashicorp/go-multierror (2018) does. */
export function multiError(errs: readonly string[]): string {
  if (errs.length === 1) return `1 error occurred:\n\n* ${errs[0]}`
  return `${errs.length} errors occurred:\n\n${errs.map((e) => `* ${e}`).join('\n')}`
}

/** Returns the validation errors and the webhook that reports them, for an Istio object. */
export function validateIstioObject(
  group: string,
  kind: string,
  name: string,
  namespace: string,
  spec: Record<string, unknown>
): { webhook: string; errors: string[] } | undefined {
  if (group === 'networking.istio.io') {
    // ServiceEntries are not validated by Galley 1.0.
    const errors =
      kind === 'VirtualService'
        ? validateVirtualService(spec)
        : kind === 'DestinationRule'
          ? validateDestinationRule(spec)
          : kind === 'Gateway'
            ? validateGateway(spec)
            : []
    return { webhook: 'pilot.validation.istio.io', errors }
  }
  if (group === 'authentication.istio.io')
    return {
      webhook: 'pilot.validation.istio.io',
      errors: validateAuthnPolicy(name, namespace, spec as AuthnPolicySpec),
    }
  if (group === 'config.istio.io') {
    const pilotKind = kind === 'QuotaSpec' || kind === 'QuotaSpecBinding'
    return {
      webhook: pilotKind ? 'pilot.validation.istio.io' : 'mixer.validation.istio.io',
      errors: validateMixerObject(kind, spec),
    }
  }
  return undefined
}

/**
 * Galley 1.0's validating webhooks as an admission plugin: Istio objects Pilot or Mixer would
 * reject are refused on CREATE and UPDATE with `admission webhook "<name>" denied the request:
 * configuration is invalid: <multierror>`.
 */
export class IstioValidationPlugin implements ValidatingPlugin {
  readonly name = 'IstioValidation'

  /** Refuses an invalid Istio object. */
  async validate(a: AdmissionAttributes): Promise<void> {
    if (a.operation !== 'CREATE' && a.operation !== 'UPDATE') return
    if (a.subresource || !a.object) return
    const spec = (a.object.spec ?? {}) as Record<string, unknown>
    const r = validateIstioObject(
      a.info.group,
      a.info.kind,
      a.name || (a.object.metadata.name ?? ''),
      a.info.namespaced ? a.namespace : '',
      spec
    )
    if (!r?.errors.length) return
    throw badRequest(
      `admission webhook "${r.webhook}" denied the request: configuration is invalid: ${multiError(r.errors)}`
    )
  }
}
