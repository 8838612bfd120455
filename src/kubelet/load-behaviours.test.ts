import { expect } from 'chai'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ImageBehaviour } from './image-behaviours.js'
import {
  behaviourFiles,
  behavioursFromJson,
  behavioursToJson,
  BUILTIN_BEHAVIOURS_DIR,
  defaultBehaviourRegistry,
  loadBehaviourDir,
} from './load-behaviours.js'
import { parseBehaviours } from './parse-behaviours.js'

const HEADER = 'apiVersion: onap-mesh-lab/v1alpha1\nkind: ImageBehaviourList\n'

// An entry with an app section whose paths sit on lines of their own.
const APP_FILE = `${HEADER}items:
  - name: web
    images: ['web:*']
    action: serve
    app:
      ports: [8080]
      routes:
        - path: /a
          status: 200
        - path: /b
          calls:
            - url: http://x/
`

/** Every path of the section (and some that are not in it) with its line, through lineOf. */
function lines(b: ImageBehaviour): Record<string, number> {
  const paths = [
    '',
    'ports',
    'ports[0]',
    'routes',
    'routes[0].status',
    'routes[1].calls[0].url',
    'routes[1].calls[3].url',
    'routes[7]',
    'handler',
  ]
  return Object.fromEntries(paths.map((p) => [p, b.app!.lineOf(p)]))
}

describe('behavioursToJson() / behavioursFromJson()', () => {
  it('keep every field, and the line of each app path as the YAML gave it', () => {
    const parsed = parseBehaviours(APP_FILE, 'web.yaml')
    const json = behavioursToJson(parsed)!
    const back = behavioursFromJson(JSON.parse(JSON.stringify(json)) as typeof json)
    const { app, ...rest } = back[0]!
    const { app: want, ...wantRest } = parsed[0]!
    expect(rest).to.deep.equal(wantRest)
    expect(app).to.include({ source: 'web.yaml', path: 'items[0].app' })
    expect(app!.value).to.deep.equal(want!.value)
    expect(lines(back[0]!)).to.deep.equal(lines(parsed[0]!))
    // A path the section lacks: its nearest parent's line.
    expect(lines(back[0]!)).to.include({
      '': 8,
      'routes[0].status': 11,
      'routes[1].calls[3].url': 14,
      handler: 8,
    })
  })

  it('keep the built-in behaviours as the files give them', () => {
    const parsed = loadBehaviourDir(BUILTIN_BEHAVIOURS_DIR)
    const back = behavioursFromJson(behavioursToJson(parsed)!)
    const strip = (bs: ImageBehaviour[]) => bs.map(({ app, ...b }) => ({ ...b, app: app?.value }))
    expect(strip(back)).to.deep.equal(strip(parsed))
    expect(back.map((b) => b.app && b.app.lineOf('routes'))).to.deep.equal(
      parsed.map((b) => b.app && b.app.lineOf('routes'))
    )
  })

  it('refuse behaviours holding a value JSON would change (they are read from the files)', () => {
    const [b] = parseBehaviours(
      `${HEADER}items:\n- {name: x, images: ['x'], action: serve, app: {config: {n: .inf}}}\n`,
      'inf.yaml'
    )
    expect(b!.app!.value).to.deep.equal({ config: { n: Infinity } })
    expect(behavioursToJson([b!])).to.equal(undefined)
  })
})

describe('behaviourFiles() / loadBehaviourDir()', () => {
  let dir = ''
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'load-behaviours-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('read the folder’s *.yaml files in name order, and name a broken one’s file and line', () => {
    writeFileSync(join(dir, 'b.yaml'), APP_FILE)
    writeFileSync(
      join(dir, 'a.yaml'),
      `${HEADER}items:\n- {name: a, images: ['a'], action: exit}\n`
    )
    writeFileSync(join(dir, 'notes.txt'), 'not a behaviour file')
    expect(behaviourFiles(dir)).to.deep.equal([join(dir, 'a.yaml'), join(dir, 'b.yaml')])
    expect(loadBehaviourDir(dir).map((b) => b.name)).to.deep.equal(['a', 'web'])
    writeFileSync(join(dir, 'a.yaml'), `${HEADER}items:\n- {name: a, images: ['a']\n`)
    expect(() => loadBehaviourDir(dir)).to.throw(
      `${join(dir, 'a.yaml')}:5: Flow map in block collection must be sufficiently indented and end with a } at line 5, column 1:`
    )
  })
})

describe('defaultBehaviourRegistry()', () => {
  it('holds the built-in files’ behaviours (from the sources: read from the files)', () => {
    const names = defaultBehaviourRegistry()
      .list()
      .map((b) => b.name)
      .sort()
    expect(names).to.deep.equal(
      loadBehaviourDir(BUILTIN_BEHAVIOURS_DIR)
        .map((b) => b.name)
        .sort()
    )
  })
})
