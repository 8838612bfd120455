import { expect } from 'chai'
import {
  expandCommand,
  expandEntries,
  fillTemplate,
  loadInstallSteps,
  parseDuration,
  parseInstallSteps,
} from './install-steps.js'
import { newPipeline } from './pipeline.js'
import { ROOT, testOptions } from '../testing/install/lab-options.js'

describe('loadInstallSteps()', () => {
  it("lists lab/install/steps.yaml's steps in the page's order, each for a known action", () => {
    const steps = loadInstallSteps(ROOT)
    expect(steps.map((s) => [s.name, s.action, s.until ?? ''])).to.deep.equal([
      ['master', 'master', ''],
      ['workers', 'join-workers', 'cluster'],
      ['istio', 'install-istio', 'istio'],
      ['namespace', 'commands', ''],
      ['chart-repo', 'chart-repo', ''],
      ['charts', 'make-charts', 'charts'],
      ['release', 'helm-install', ''],
      ['ready', 'wait-ready', ''],
      ['get-all', 'get-all', 'onap'],
    ])
    for (const s of steps) expect(s.title, s.name).to.not.equal('')
  })
})

describe('parseInstallSteps()', () => {
  const parse = (text: string) => () => parseInstallSteps(text, 'steps.yaml')

  it('names the file, the step and the field of a problem', () => {
    expect(parse('kind: Other')).to.throw('steps.yaml: want kind: InstallSteps')
    expect(parse('kind: InstallSteps\nsteps: []')).to.throw(
      'steps.yaml: steps: want a non-empty list'
    )
    expect(parse('kind: InstallSteps\nsteps:\n- {name: a, title: A}')).to.throw(
      'steps.yaml: steps[0].action: required string'
    )
    expect(parse('kind: InstallSteps\nsteps:\n- {name: a, title: A, action: x, rn: []}')).to.throw(
      'steps.yaml: steps[0].rn: unknown field'
    )
    expect(
      parse(
        'kind: InstallSteps\nsteps:\n- {name: a, title: A, action: x}\n- {name: a, title: B, action: y}'
      )
    ).to.throw('steps.yaml: steps[1].name: duplicate step name "a"')
  })

  it("names the field of a step's check that is wrong", () => {
    const step = (check: string) =>
      parse(`kind: InstallSteps\nsteps:\n- {name: a, title: A, action: x, check: ${check}}`)
    expect(step('[x]')).to.throw(
      'steps.yaml: steps[0].check: want a mapping (run, contains, matches)'
    )
    expect(step('{runs: x, contains: [y]}')).to.throw(
      'steps.yaml: steps[0].check.runs: unknown field'
    )
    expect(step('{run: [x], contains: [y]}')).to.throw(
      'steps.yaml: steps[0].check.run: want a non-empty string'
    )
    expect(step('{contains: y}')).to.throw(
      'steps.yaml: steps[0].check.contains: want a list of strings'
    )
    expect(step('{run: x}')).to.throw('steps.yaml: steps[0].check: want contains or matches')
    expect(step('{matches: ^ok$}')).to.not.throw()
  })

  it('wants needs to name earlier steps', () => {
    const two = (needs: string) =>
      parse(
        `kind: InstallSteps\nsteps:\n- {name: a, title: A, action: x}\n- {name: b, title: B, action: y, needs: ${needs}}`
      )
    expect(two('[a]')).to.not.throw()
    expect(two('a')).to.throw('steps.yaml: steps[1].needs: want a list of step names')
    expect(two('[c]')).to.throw('steps.yaml: steps[1].needs: "c" is not a step before it')
    expect(two('[b]')).to.throw('steps.yaml: steps[1].needs: "b" is not a step before it')
  })

  it('makes the onap namespace once the master is up, alongside Istio', () => {
    const steps = loadInstallSteps(ROOT)
    expect(steps.find((s) => s.name === 'namespace')!.needs).to.deep.equal(['master'])
    const actions = newPipeline(testOptions({ stateDir: '/s' }), steps)
    expect(actions.find((a) => a.name === 'namespace')!.needs).to.deep.equal(['master'])
    expect(actions.find((a) => a.name === 'istio')!.needs).to.equal(undefined)
  })

  it("checks a release by helm install's own output: no helm status process", () => {
    const release = loadInstallSteps(ROOT).find((s) => s.name === 'release')!
    expect(release.run).to.deep.equal([
      'helm install {release} {chart} --namespace {namespace} {valuesFlags}',
    ])
    expect(release.check).to.deep.equal({ contains: ['STATUS: deployed'] })
  })

  it('accepts a minimal step, with no commands', () => {
    const [s] = parseInstallSteps(
      'kind: InstallSteps\nsteps:\n- {name: a, title: A, action: x}',
      'f'
    )
    expect(s).to.deep.equal({
      name: 'a',
      title: 'A',
      action: 'x',
      page: '',
      run: [],
      source: 'f:3',
    })
  })
})

describe('command templates', () => {
  const vars = { dir: '/my charts/dist', flags: ['-f', 'a.yaml'], none: [], url: 'http://h:1' }

  it('keeps a value with blanks as one word and spreads a list placeholder', () => {
    expect(expandCommand('helm repo index {dir} --url {url} {flags} {none}', vars)).to.deep.equal([
      'helm',
      'repo',
      'index',
      '/my charts/dist',
      '--url',
      'http://h:1',
      '-f',
      'a.yaml',
    ])
    expect(fillTemplate('serve on {url}/x', vars)).to.equal('serve on http://h:1/x')
    expect(expandEntries(['{flags}', 'x-{url}'], vars)).to.deep.equal([
      '-f',
      'a.yaml',
      'x-http://h:1',
    ])
  })

  it('refuses an unknown placeholder', () => {
    expect(() => expandCommand('helm install {release}', vars)).to.throw(
      'unknown placeholder {release} in "{release}"'
    )
  })
})

describe('parseDuration()', () => {
  it('reads ms, s, m and h and refuses anything else', () => {
    expect(['250ms', '90s', '5m', '1h', '1.5m'].map(parseDuration)).to.deep.equal([
      250, 90_000, 300_000, 3_600_000, 90_000,
    ])
    expect(() => parseDuration('5 minutes')).to.throw('invalid duration "5 minutes"')
  })
})
