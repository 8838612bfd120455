import { expect } from 'chai'
import { parseGoTemplate, renderGoTemplate } from './go-template.js'
import { GoEnum } from './go-template-values.js'

const delims: [string, string] = ['[[', ']]']
const render = (src: string, data: unknown, funcs = {}) =>
  renderGoTemplate(src, data, { name: 'inject', delims, funcs })

describe('renderGoTemplate()', () => {
  it('prints fields, reading Go names from JSON (lower camel) fields', () => {
    const data = { Spec: { serviceAccountName: 'msb', containers: [{ name: 'a' }] } }
    expect(render('sa=[[ .Spec.ServiceAccountName ]] n=[[ len .Spec.Containers ]]', data)).to.equal(
      'sa=msb n=1'
    )
  })

  it('prints missing struct fields as their zero value and compares them to ""', () => {
    expect(render('[<[[ .Spec.ServiceAccountName ]]>]', { Spec: {} })).to.equal('[<>]')
    expect(
      render('[[ if eq .Spec.ServiceAccountName "" ]]default[[ else ]]named[[ end ]]', { Spec: {} })
    ).to.equal('default')
  })

  it('trims whitespace around actions with [[- and -]]', () => {
    expect(render('a  \n  [[- "b" -]]  \n  c', {})).to.equal('abc')
    expect(render('a [[ "b" ]] c', {})).to.equal('a b c')
  })

  it('handles if / else if / else / end and range with else', () => {
    const t = '[[ if eq .X 1 ]]one[[ else if eq .X 2 ]]two[[ else ]]many[[ end ]]'
    expect([1, 2, 3].map((X) => render(t, { X }))).to.deep.equal(['one', 'two', 'many'])
    const r = '[[ range .L ]]<[[ . ]]>[[ else ]]empty[[ end ]]'
    expect(render(r, { L: ['a', 'b'] })).to.equal('<a><b>')
    expect(render(r, { L: [] })).to.equal('empty')
    expect(render(r, {})).to.equal('empty')
  })

  it('renders the 1.0.0 inbound port list with its trailing comma', () => {
    const t =
      '- [[ range .Spec.Containers -]][[ range .Ports -]][[ .ContainerPort -]], [[ end -]][[ end ]]\n'
    const spec = {
      containers: [{ ports: [{ containerPort: 80 }] }, { ports: [{ containerPort: 90 }] }],
    }
    expect(render(t, { Spec: spec })).to.equal('- 80, 90, \n')
    expect(render(t, { Spec: { containers: [{}] } })).to.equal('- \n')
  })

  it('supports index, isset-like funcs, or, printf, ne, not and pipes', () => {
    const data = { M: { annotations: { k: 'v' } }, E: new GoEnum('REDIRECT', 0) }
    const funcs = {
      isset: (m: unknown, k: unknown) => typeof m === 'object' && m !== null && String(k) in m,
    }
    expect(
      render('[[ index .M.Annotations "k" ]]|[[ index .M.Annotations "x" ]]|', data, funcs)
    ).to.equal('v||')
    expect(render('[[ if isset .M.Annotations "k" ]]set[[ end ]]', data, funcs)).to.equal('set')
    expect(render('[[ or (index .M.Annotations "x") .E.String ]]', data, funcs)).to.equal(
      'REDIRECT'
    )
    expect(render('[[ printf "istio.%s" "sa" ]] [[ "x" | printf "<%s>" ]]', data)).to.equal(
      'istio.sa <x>'
    )
    expect(render('[[ not (ne 1 1) ]]', data)).to.equal('true')
    expect(render('[[ .E ]] [[ if .E ]]t[[ else ]]f[[ end ]]', data)).to.equal('REDIRECT f') // enum 0 is false
  })

  it('refuses unknown functions, unbalanced blocks and declarations at parse time', () => {
    const parse = (src: string) => () => parseGoTemplate(src, { name: 'inject', delims })
    expect(parse('[[ annotation .ObjectMeta "x" ]]')).to.throw(
      'template: inject:1: function "annotation" not defined'
    )
    expect(parse('[[ if .X ]]\nno end')).to.throw('template: inject:1: unexpected EOF')
    expect(parse('x\n[[ end ]]')).to.throw('template: inject:2: unexpected {{end}}')
    expect(parse('[[ $x := 1 ]]')).to.throw('undefined variable "$x"')
    expect(parse('[[ "unclosed ]]')).to.throw('template: inject:1:')
  })

  it('reports execution errors with the line', () => {
    expect(() => render('\n[[ .A.B ]]', { A: 'str' })).to.throw(
      'template: inject:2: executing "inject": can\'t evaluate field B in type string'
    )
    expect(() => render('[[ index .L 5 ]]', { L: [] })).to.throw('index out of range')
  })
})
