import { isObject, type KubeObject } from '../../api/types.js'
import { StatusError, unsupportedMediaType } from '../../api/errors.js'
import {
  applyJsonPatch,
  applyMergePatch,
  applyStrategicMergePatch,
  serverSideApply,
} from '../../api/patch/index.js'
import type { ResourceInfo } from '../../api/resources/index.js'
import { apiVersionOf } from '../../api/types.js'
import { mediaType, parseJson, parseYamlBody } from './decode-body.js'

/** The four patch types kube-apiserver accepts. */
export const PatchTypes = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const

const ACCEPTED_PATCH = Object.values(PatchTypes).join(', ')

/** Returns the patch type of a request's Content-Type, or throws 415 with kube-apiserver's list. */
export function patchTypeOf(contentType: string | undefined, info: ResourceInfo): string {
  const mt = mediaType(contentType)
  if (
    !(Object.values(PatchTypes) as string[]).includes(mt) ||
    (mt === PatchTypes.strategic && info.crd)
  ) {
    const accepted = info.crd
      ? ACCEPTED_PATCH.replace(`, ${PatchTypes.strategic}`, '')
      : ACCEPTED_PATCH
    throw unsupportedMediaType(
      `the body of the request was in an unknown format - accepted media types include: ${accepted}`
    )
  }
  return mt
}

/** Returns the parsed patch document of a body (a Buffer from HTTP, or a value in-process). */
export function patchBody(body: unknown, type: string): unknown {
  if (!Buffer.isBuffer(body)) return body
  return type === PatchTypes.apply ? parseYamlBody(body) : parseJson(body)
}

/** Returns `live` with the patch applied (not for apply patches, see applyPatch). */
export function patchObject(
  live: KubeObject,
  patch: unknown,
  type: string,
  info: ResourceInfo
): KubeObject {
  switch (type) {
    case PatchTypes.json:
      return applyJsonPatch(live, patch) as KubeObject
    case PatchTypes.merge:
      return applyMergePatch(live, patch) as KubeObject
    case PatchTypes.strategic: {
      const meta = info.patchMeta
      if (!meta)
        throw unsupportedMediaType(`strategic merge patch is not supported for ${info.kind}`)
      return applyStrategicMergePatch(live, patch, meta) as KubeObject
    }
  }
  throw new StatusError(415, 'UnsupportedMediaType', `unsupported patch type ${type}`)
}

/** Returns the object a server-side apply produces (creating it when `live` is undefined). */
export function applyPatch(
  live: KubeObject | undefined,
  patch: unknown,
  info: ResourceInfo,
  manager: string,
  force: boolean,
  now: string
): KubeObject {
  if (!isObject(patch))
    throw new StatusError(400, 'BadRequest', 'the body of the request was not a JSON object')
  const applied = patch as KubeObject
  if (!isObject(applied.metadata)) applied.metadata = {}
  const meta = info.patchMeta
  return serverSideApply({
    live,
    applied,
    manager,
    force,
    apiVersion: apiVersionOf(info.group, info.version),
    now,
    ...(meta ? { meta } : {}),
  })
}
