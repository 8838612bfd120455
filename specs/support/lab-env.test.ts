import { expect } from 'chai'
import { join } from 'node:path'
import { REPO_ROOT, readSpecEnv } from './lab-env.js'

describe('readSpecEnv()', () => {
  it('defaults to the repository lab', () => {
    const env = readSpecEnv({})
    expect(env.kubeconfig).to.equal(join(REPO_ROOT, '.lab', 'kubeconfig'))
    expect(env.profile).to.equal(join(REPO_ROOT, 'lab', 'lab.yaml'))
    expect(env.kindConfig).to.equal(join(REPO_ROOT, 'lab', 'kind-config.yaml'))
    expect(env).to.include({
      chartRepo: 'http://127.0.0.1:8879',
      maxRestarts: 3,
      backend: 'sim',
      policy: undefined,
    })
  })

  it('takes LAB_* variables, relative paths from the working directory', () => {
    const env = readSpecEnv(
      {
        LAB_KUBECONFIG: 'k.conf',
        LAB_POLICY: 'enabled',
        LAB_CHART_REPO: 'http://h:1/',
        LAB_MAX_RESTARTS: '0',
      },
      '/tmp/x'
    )
    expect(env).to.include({
      kubeconfig: '/tmp/x/k.conf',
      policy: 'enabled',
      chartRepo: 'http://h:1',
      maxRestarts: 0,
    })
  })

  it('refuses a LAB_MAX_RESTARTS that is not a number', () => {
    expect(() => readSpecEnv({ LAB_MAX_RESTARTS: 'many' })).to.throw(
      'LAB_MAX_RESTARTS="many": want a whole number'
    )
  })
})
