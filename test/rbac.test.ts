import { expect } from 'chai'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { startControllers, type StartedControllers } from '../src/controllers/index.js'
import { scaledClock } from '../src/util/index.js'
import { KUBECTL, run, startTestLab, until, type TestLab } from './support/lab-fixture.js'

const SA = 'system:serviceaccount:onap:default'

describe('RBAC against the sim (kubectl 1.33)', function () {
  this.timeout(90_000)
  let lab: TestLab
  let controllers: StartedControllers | undefined
  let token = ''
  let saKubeconfig = ''
  /** kubectl with the onap:default service account's token instead of the admin's credentials. */
  const asSa = (args: string[]) =>
    run(KUBECTL, args, { PATH: process.env.PATH, HOME: lab.dir, KUBECONFIG: saKubeconfig })

  before(async () => {
    lab = await startTestLab()
    // kube-controller-manager's two controllers that give every namespace a token for `default`.
    controllers = startControllers(lab.cluster.client('kube-controller-manager'), scaledClock(1), {
      controllers: ['serviceaccount', 'serviceaccount-token'],
      rootCaPem: lab.cluster.pki.ca.certPem,
    })
    await controllers.ready
    expect((await lab.kubectl(['create', 'namespace', 'onap'])).code).to.equal(0)
    let secret = ''
    await until('the onap:default token secret', async () => {
      const r = await lab.kubectl([
        'get',
        'sa',
        'default',
        '-n',
        'onap',
        '-o',
        'jsonpath={.secrets[0].name}',
      ])
      secret = r.stdout.trim()
      return r.code === 0 && secret !== ''
    })
    const t = await lab.kubectl([
      'get',
      'secret',
      secret,
      '-n',
      'onap',
      '-o',
      'jsonpath={.data.token}',
    ])
    token = Buffer.from(t.stdout.trim(), 'base64').toString('utf8')
    // The kubeconfig a pod's in-cluster client would amount to: the cluster's CA and the SA token.
    const admin = parse(readFileSync(lab.kubeconfig, 'utf8')) as {
      users: { name: string; user: Record<string, string> }[]
    }
    admin.users = admin.users.map((u) => ({ name: u.name, user: { token } }))
    saKubeconfig = join(lab.dir, 'sa.kubeconfig')
    writeFileSync(saKubeconfig, stringify(admin), { mode: 0o600 })
  })
  after(async () => {
    await controllers?.stop()
    await lab?.stop()
  })

  it('answers auth can-i for the admin (system:masters) with yes', async () => {
    const r = await lab.kubectl(['auth', 'can-i', 'create', 'pods', '-n', 'onap'])
    expect(r.stdout.trim()).to.equal('yes')
    expect(r.code).to.equal(0)
    const all = await lab.kubectl(['auth', 'can-i', '*', '*', '--all-namespaces'])
    expect(all.stdout.trim()).to.equal('yes')
  })

  it('answers auth can-i --as a service account without a binding with no', async () => {
    const r = await lab.kubectl(['auth', 'can-i', 'list', 'pods', '-n', 'onap', `--as=${SA}`])
    expect(r.stdout.trim()).to.equal('no')
    expect(r.code).to.equal(1)
  })

  it('refuses a service account token without a binding with kube-apiserver 1.11 messages', async () => {
    const list = await asSa(['get', 'pods', '-n', 'onap'])
    expect(list.code).to.equal(1)
    expect(list.stderr.trim()).to.equal(
      `Error from server (Forbidden): pods is forbidden: User "${SA}" cannot list pods in the namespace "onap"`
    )
    const one = await asSa(['get', 'deployments.apps', 'web', '-n', 'onap'])
    expect(one.stderr.trim()).to.equal(
      `Error from server (Forbidden): deployments.apps "web" is forbidden: User "${SA}" cannot get deployments.apps in the namespace "onap"`
    )
    const nodes = await asSa(['get', 'nodes'])
    expect(nodes.stderr.trim()).to.equal(
      `Error from server (Forbidden): nodes is forbidden: User "${SA}" cannot list nodes at the cluster scope`
    )
  })

  it('refuses a forged token with 401 however it is dressed', async () => {
    const [head, claims] = token.split('.')
    const forgedKubeconfig = readFileSync(saKubeconfig, 'utf8').replace(
      token,
      `${head}.${claims}.Zm9yZ2Vk`
    )
    const f = join(lab.dir, 'forged.kubeconfig')
    writeFileSync(f, forgedKubeconfig, { mode: 0o600 })
    const r = await run(KUBECTL, ['get', 'pods', '-n', 'onap'], {
      PATH: process.env.PATH,
      HOME: lab.dir,
      KUBECONFIG: f,
    })
    expect(r.code).to.equal(1)
    expect(r.stderr).to.contain('Unauthorized')
  })

  it('holds the default ClusterRoles and bindings of a fresh 1.11 cluster', async () => {
    const r = await lab.kubectl(['get', 'clusterroles', '-o', 'name'])
    for (const name of [
      'admin',
      'cluster-admin',
      'edit',
      'system:basic-user',
      'system:discovery',
      'view',
    ])
      expect(r.stdout.split('\n')).to.include(`clusterrole.rbac.authorization.k8s.io/${name}`)
    const b = await lab.kubectl([
      'get',
      'clusterrolebinding',
      'cluster-admin',
      '-o',
      'jsonpath={.subjects[*].name}',
    ])
    expect(b.stdout).to.equal('system:masters')
  })

  it('gives kubectl 1.20 the same answers', async function () {
    const k120 = '/opt/kubectl-1.20/usr/bin/kubectl'
    if (!existsSync(k120)) this.skip()
    const env = { PATH: process.env.PATH, HOME: lab.dir, KUBECONFIG: saKubeconfig }
    const r = await run(k120, ['get', 'configmaps', '-n', 'onap'], env)
    expect(r.stderr.trim()).to.equal(
      `Error from server (Forbidden): configmaps is forbidden: User "${SA}" cannot list configmaps in the namespace "onap"`
    )
    const admin = { ...env, KUBECONFIG: lab.kubeconfig }
    const can = await run(
      k120,
      ['auth', 'can-i', 'list', 'configmaps', '-n', 'onap', `--as=${SA}`],
      admin
    )
    expect(can.stdout.trim()).to.equal('no')
  })

  it('lets the service account read once a RoleBinding to view exists, and no further', async () => {
    const b = await lab.kubectl([
      'create',
      'rolebinding',
      'sa-view',
      '--clusterrole=view',
      '--serviceaccount=onap:default',
      '-n',
      'onap',
    ])
    expect(b.stdout.trim()).to.equal('rolebinding.rbac.authorization.k8s.io/sa-view created')
    const list = await asSa(['get', 'pods', '-n', 'onap'])
    expect(list.stderr.trim()).to.equal('No resources found in onap namespace.')
    expect(list.code).to.equal(0)
    const can = await lab.kubectl(['auth', 'can-i', 'list', 'pods', '-n', 'onap', `--as=${SA}`])
    expect(can.stdout.trim()).to.equal('yes')
    const self = await asSa(['auth', 'can-i', 'watch', 'deployments.apps', '-n', 'onap'])
    expect(self.stdout.trim()).to.equal('yes')
    // view grants neither secrets, nor writes, nor other namespaces.
    const secrets = await asSa(['get', 'secrets', '-n', 'onap'])
    expect(secrets.stderr.trim()).to.equal(
      `Error from server (Forbidden): secrets is forbidden: User "${SA}" cannot list secrets in the namespace "onap"`
    )
    const write = await asSa(['auth', 'can-i', 'create', 'pods', '-n', 'onap'])
    expect(write.stdout.trim()).to.equal('no')
    const other = await asSa(['get', 'pods', '-n', 'default'])
    expect(other.stderr).to.contain('cannot list pods in the namespace "default"')
  })

  it('refuses exec to a viewer (no pods/exec), on the upgrade path', async () => {
    const pod = lab.file(
      'pod.yaml',
      'apiVersion: v1\nkind: Pod\nmetadata: {name: box, namespace: onap}\nspec:\n  containers: [{name: box, image: busybox}]\n'
    )
    expect((await lab.kubectl(['create', '-f', pod])).code).to.equal(0)
    const r = await asSa(['exec', 'box', '-n', 'onap', '--', 'true'])
    expect(r.code).to.not.equal(0)
    expect(r.stderr.trim()).to.match(
      new RegExp(
        `pods "box" is forbidden: User "${SA}" cannot (get|create) pods/exec in the namespace "onap"$`
      )
    )
  })

  it('lists the service account rules (SelfSubjectRulesReview) with auth can-i --list', async () => {
    const r = await asSa(['auth', 'can-i', '--list', '-n', 'onap'])
    expect(r.code).to.equal(0)
    const pods = r.stdout.split('\n').find((l) => /^pods\s/.test(l))
    expect(pods).to.match(/\[get list watch\]$/)
    expect(r.stdout).to.match(
      /selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]/
    )
    expect(r.stdout).not.to.match(/^secrets\s/m)
  })

  it('validates the token a TokenReview carries', async () => {
    const review = (t: string) =>
      lab.file(
        'tr.json',
        JSON.stringify({
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenReview',
          spec: { token: t },
        })
      )
    const ok = await lab.kubectl([
      'create',
      '--raw',
      '/apis/authentication.k8s.io/v1/tokenreviews',
      '-f',
      review(token),
    ])
    const okStatus = (
      JSON.parse(ok.stdout) as {
        status: { authenticated: boolean; user: { username: string; groups: string[] } }
      }
    ).status
    expect(okStatus.authenticated).to.equal(true)
    expect(okStatus.user.username).to.equal(SA)
    expect(okStatus.user.groups).to.deep.equal([
      'system:serviceaccounts',
      'system:serviceaccounts:onap',
      'system:authenticated',
    ])
    const forged = token.replace(/\.[^.]+$/, '.Zm9yZ2Vk')
    const bad = await lab.kubectl([
      'create',
      '--raw',
      '/apis/authentication.k8s.io/v1/tokenreviews',
      '-f',
      review(forged),
    ])
    expect(
      (JSON.parse(bad.stdout) as { status: { authenticated: boolean } }).status.authenticated
    ).to.equal(false)
  })

  it('evaluates a SubjectAccessReview for another user', async () => {
    const sar = (verb: string, resource: string) =>
      lab.file(
        'sar.json',
        JSON.stringify({
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SubjectAccessReview',
          spec: {
            user: SA,
            groups: ['system:serviceaccounts'],
            resourceAttributes: { namespace: 'onap', verb, resource },
          },
        })
      )
    const allowed = await lab.kubectl([
      'create',
      '--raw',
      '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      '-f',
      sar('get', 'configmaps'),
    ])
    expect(
      (JSON.parse(allowed.stdout) as { status: { allowed: boolean } }).status.allowed
    ).to.equal(true)
    const denied = await lab.kubectl([
      'create',
      '--raw',
      '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      '-f',
      sar('delete', 'configmaps'),
    ])
    expect((JSON.parse(denied.stdout) as { status: { allowed: boolean } }).status.allowed).to.equal(
      false
    )
    // The service account itself may not ask about others.
    const refused = await asSa([
      'create',
      '--raw',
      '/apis/authorization.k8s.io/v1/subjectaccessreviews',
      '-f',
      sar('get', 'pods'),
    ])
    expect(refused.stderr).to.contain(
      `subjectaccessreviews.authorization.k8s.io is forbidden: User "${SA}" cannot create subjectaccessreviews.authorization.k8s.io at the cluster scope`
    )
  })

  it('lets the admin impersonate and refuses impersonation to a service account', async () => {
    const admin = await lab.kubectl(['get', 'secrets', '-n', 'onap', `--as=${SA}`])
    expect(admin.stderr.trim()).to.equal(
      `Error from server (Forbidden): secrets is forbidden: User "${SA}" cannot list secrets in the namespace "onap"`
    )
    const group = await lab.kubectl(['get', 'nodes', '--as=alice', '--as-group=system:masters'])
    expect(group.code).to.equal(0)
    const sa = await asSa(['get', 'pods', '-n', 'onap', '--as=alice'])
    expect(sa.stderr.trim()).to.equal(
      `Error from server (Forbidden): users "alice" is forbidden: User "${SA}" cannot impersonate users at the cluster scope`
    )
  })
})
