import { randomBytes } from 'node:crypto'
import type { Random } from '../util/index.js'
import { isStatusError } from '../api/errors.js'
import type { KubeObject } from '../api/types.js'
import {
  contextFor,
  QueueController,
  type Controller,
  type ControllerContext,
  type ControllerEnv,
  type ReconcileResult,
} from './controller.js'
import { isAlreadyExists, isNotFound, keyOf } from './object-util.js'
import { Refs } from '../client/index.js'
import { byKey } from './cached-candidates.js'
import { MutationCache, writeThrough } from './mutation-cache.js'

/** The Secret type of service account tokens. */
export const TOKEN_SECRET_TYPE = 'kubernetes.io/service-account-token'
const NAME_ANN = 'kubernetes.io/service-account.name'
const UID_ANN = 'kubernetes.io/service-account.uid'

/** Options of the token controller. */
export interface TokenControllerOptions {
  /** The cluster CA put in each token Secret as `ca.crt`. */
  rootCaPem?: string
  /** Where token signatures come from (a seeded stream for reproducible runs; crypto otherwise). */
  random?: Random
}

interface ServiceAccount extends KubeObject {
  secrets?: { name: string }[]
}

interface Secret extends KubeObject {
  type?: string
  data?: Record<string, string>
}

/**
 * Creates the token controller (1.11's tokens controller): every ServiceAccount gets a Secret
 * `<sa>-token-<5 chars>` of type `kubernetes.io/service-account-token` with `token`, `ca.crt`
 * and `namespace`, listed in the account's `secrets`; token Secrets of deleted accounts are
 * deleted, and references to deleted Secrets are replaced. Queue keys are `namespace/account`.
 */
export function newTokenController(env: ControllerEnv, o: TokenControllerOptions = {}): Controller {
  const ctx = contextFor(env, 'tokens-controller')
  const accounts = ctx.informers.for<ServiceAccount>(Refs.serviceAccounts)
  const secrets = ctx.informers.for<Secret>(Refs.secrets)
  const listers: TokenListers = {
    accounts: new MutationCache(accounts),
    secrets: new MutationCache(secrets),
  }
  const c = new QueueController('serviceaccount-token', ctx, [accounts, secrets], (key) =>
    reconcileTokens(ctx, o, key, listers)
  )
  accounts.on({
    add: (a) => c.queue.add(keyOf(a)),
    update: (_old, a) => c.queue.add(keyOf(a)),
    delete: (a) => c.queue.add(keyOf(a)),
  })
  const bySecret = (s: Secret) => {
    const sa = s.metadata.annotations?.[NAME_ANN]
    if (s.type === TOKEN_SECRET_TYPE && sa) c.queue.add(`${s.metadata.namespace ?? ''}/${sa}`)
  }
  secrets.on({ add: bySecret, update: (_old, s) => bySecret(s), delete: bySecret })
  return c
}

/**
 * The caches a token sync reads (the tokens controller's serviceAccounts and secrets caches), each
 * with the accounts and Secrets this controller wrote that the informer has not delivered yet
 * (its updatedSecrets mutation cache): a token it just made is never made twice.
 */
export interface TokenListers {
  accounts: MutationCache<ServiceAccount>
  secrets: MutationCache<Secret>
}

/**
 * Makes sure one ServiceAccount has a token Secret, and that stale tokens of its name are gone.
 * With `listers` the account and the Secrets are read from the caches, else through the API.
 */
export async function reconcileTokens(
  ctx: ControllerContext,
  o: TokenControllerOptions,
  key: string,
  listers?: TokenListers
): Promise<ReconcileResult> {
  const [namespace = '', name = ''] = key.split('/')
  let sa: ServiceAccount | undefined
  if (listers) sa = listers.accounts.get(key)
  else
    try {
      sa = await ctx.client.get<ServiceAccount>(Refs.serviceAccounts, name, namespace)
    } catch (err) {
      if (!isNotFound(err)) throw err
    }
  const tokens = (
    listers
      ? listers.secrets
          .list(namespace)
          .filter((s) => s.type === TOKEN_SECRET_TYPE)
          .sort(byKey)
      : (
          await ctx.client.list<Secret>(Refs.secrets, {
            namespace,
            fieldSelector: `type=${TOKEN_SECRET_TYPE}`,
          })
        ).items
  ).filter((s) => s.metadata.annotations?.[NAME_ANN] === name)
  for (const s of tokens) {
    if (sa && s.metadata.annotations?.[UID_ANN] === sa.metadata.uid) continue
    listers?.secrets.forget(keyOf(s))
    await deleteIgnoringMissing(ctx, s)
  }
  if (!sa || sa.metadata.deletionTimestamp) return
  const mine = new Set(
    tokens
      .filter((s) => s.metadata.annotations?.[UID_ANN] === sa.metadata.uid)
      .map((s) => s.metadata.name)
  )
  const refs = sa.secrets ?? []
  const kept = refs.filter((r) => mine.has(r.name) || !isTokenName(r.name, name))
  const update = (secrets: { name: string }[]) =>
    writeThrough(listers?.accounts, key, () =>
      ctx.client.update(Refs.serviceAccounts, { ...sa, secrets })
    )
  if (kept.some((r) => mine.has(r.name))) {
    if (kept.length !== refs.length) await update(kept)
    return
  }
  const secret = await createToken(ctx, o, sa)
  if (!secret) return
  listers?.secrets.mutated(secret)
  try {
    await update([...kept, { name: secret.metadata.name ?? '' }])
  } catch (err) {
    // The account changed or went away meanwhile: drop the new token and let the retry decide.
    listers?.secrets.forget(keyOf(secret))
    await deleteIgnoringMissing(ctx, secret)
    throw err
  }
}

function isTokenName(secret: string, sa: string): boolean {
  return secret.startsWith(`${sa}-token-`)
}

async function createToken(
  ctx: ControllerContext,
  o: TokenControllerOptions,
  sa: ServiceAccount
): Promise<Secret | undefined> {
  const namespace = sa.metadata.namespace ?? ''
  const saName = sa.metadata.name ?? ''
  for (let attempt = 0; attempt < 5; attempt++) {
    const name = `${saName}-token-${ctx.suffix(5, `${namespace}/${saName}-token-`)}`
    const b64 = (s: string) => Buffer.from(s).toString('base64')
    const secret: Secret = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name,
        namespace,
        annotations: { [NAME_ANN]: saName, [UID_ANN]: sa.metadata.uid ?? '' },
      },
      type: TOKEN_SECRET_TYPE,
      data: {
        namespace: b64(namespace),
        token: b64(
          fakeJwt(namespace, name, sa, o.random?.forKey(`${namespace}/${name}`).bytes(64))
        ),
        ...(o.rootCaPem ? { 'ca.crt': b64(o.rootCaPem) } : {}),
      },
    }
    try {
      return await ctx.client.create<Secret>(Refs.secrets, secret)
    } catch (err) {
      if (isAlreadyExists(err)) continue
      // A terminating namespace refuses new content; the account is about to go too.
      if (isStatusError(err, 'Forbidden') || isNotFound(err)) return undefined
      throw err
    }
  }
  throw new Error(
    `failed to create a token secret for service account ${namespace}/${saName}: names kept colliding`
  )
}

/** Returns a JWT with the claims 1.11's legacy service account tokens carry (not signed by a key the lab checks). */
function fakeJwt(
  namespace: string,
  secretName: string,
  sa: ServiceAccount,
  signature: Buffer = randomBytes(64)
): string {
  const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
  const claims = {
    iss: 'kubernetes/serviceaccount',
    'kubernetes.io/serviceaccount/namespace': namespace,
    'kubernetes.io/serviceaccount/secret.name': secretName,
    'kubernetes.io/serviceaccount/service-account.name': sa.metadata.name ?? '',
    'kubernetes.io/serviceaccount/service-account.uid': sa.metadata.uid ?? '',
    sub: `system:serviceaccount:${namespace}:${sa.metadata.name ?? ''}`,
  }
  return `${enc({ alg: 'RS256', kid: '' })}.${enc(claims)}.${signature.toString('base64url')}`
}

async function deleteIgnoringMissing(ctx: ControllerContext, s: KubeObject): Promise<void> {
  try {
    await ctx.client.delete(Refs.secrets, s.metadata.name ?? '', s.metadata.namespace)
  } catch (err) {
    if (!isNotFound(err)) throw err
  }
}
