import { expect } from 'chai'
import { join } from 'node:path'
import { ActionError } from './action.js'
import { makefileShape, parseMakefile, readMakefile } from './oom-makefile.js'

const TREE = join(import.meta.dirname, 'testdata', 'oom-tree', 'kubernetes')

describe('OOM Makefile shapes', () => {
  it('reads the top-level shape: common first, EXCLUDES left out, the parent chart last', () => {
    const mk = readMakefile(join(TREE, 'Makefile'))
    const shape = makefileShape(mk, ['common', 'config', 'dist', 'dmaap', 'onap', 'robot', 'sdnc'])
    expect(shape).to.deep.equal({
      kind: 'package',
      targets: ['common', 'dmaap', 'robot', 'sdnc', 'onap'],
      excludes: ['config', 'dist', 'onap'],
    })
  })

  it('reads a nested packaging shape (common/Makefile packages common/common first)', () => {
    const shape = makefileShape(readMakefile(join(TREE, 'common', 'Makefile')), [
      'aaa',
      'common',
      'mariadb',
    ])
    expect(shape.kind === 'package' && shape.targets).to.deep.equal(['common', 'aaa', 'mariadb'])
  })

  it('reads a command shape: the first goal, its prerequisites first, with line numbers', () => {
    const shape = makefileShape(readMakefile(join(TREE, 'dmaap', 'Makefile')), ['charts'])
    expect(shape).to.deep.equal({
      kind: 'commands',
      goal: 'make-dmaap',
      steps: [
        { text: 'cd charts && helm dep up message-router && helm lint message-router', line: 6 },
      ],
    })
  })

  it('expands variables in recipes and runs each prerequisite once', () => {
    const mk = parseMakefile(
      'C := charts\nfirst: b a\na: b\n\techo a\nb:\n\tcd $(C) && helm dep up x\n',
      'M'
    )
    const shape = makefileShape(mk, [])
    expect(shape.kind === 'commands' && shape.steps.map((s) => s.text)).to.deep.equal([
      'cd charts && helm dep up x',
      'echo a',
    ])
  })

  it('names file:line for what it cannot read', () => {
    expect(() => parseMakefile('all: x\n\techo\n\n\tstray\n', 'M')).to.not.throw()
    expect(() => parseMakefile('\techo orphan\n', 'kubernetes/x/Makefile')).to.throw(
      ActionError,
      'kubernetes/x/Makefile:1: a recipe line outside any rule'
    )
    expect(() => parseMakefile('ifeq ($(A),b)\n', 'M')).to.throw('M:1: cannot read "ifeq ($(A),b)"')
  })
})
