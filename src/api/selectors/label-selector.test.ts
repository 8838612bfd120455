import { expect } from 'chai'
import { isStatusError, type StatusError } from '../errors.js'
import { LabelSelector, newRequirement, Operators, parseLabelSelector } from './index.js'

function parseError(s: string): StatusError {
  try {
    parseLabelSelector(s)
  } catch (err) {
    if (isStatusError(err)) return err
    throw err
  }
  throw new Error(`expected ${JSON.stringify(s)} to be rejected`)
}

describe('parseLabelSelector()', () => {
  const labels = { app: 'web', tier: 'front', env: 'prod', replicas: '3' }

  it('matches with =, == and !=', () => {
    expect(parseLabelSelector('app=web').matches(labels)).to.equal(true)
    expect(parseLabelSelector('app==web').matches(labels)).to.equal(true)
    expect(parseLabelSelector('app=db').matches(labels)).to.equal(false)
    expect(parseLabelSelector('app!=db').matches(labels)).to.equal(true)
    expect(parseLabelSelector('app!=web').matches(labels)).to.equal(false)
    expect(parseLabelSelector('missing!=x').matches(labels)).to.equal(true)
    expect(parseLabelSelector('missing=x').matches(labels)).to.equal(false)
  })

  it('matches with in and notin', () => {
    expect(parseLabelSelector('env in (prod, staging)').matches(labels)).to.equal(true)
    expect(parseLabelSelector('env in (dev,staging)').matches(labels)).to.equal(false)
    expect(parseLabelSelector('env notin (dev,staging)').matches(labels)).to.equal(true)
    expect(parseLabelSelector('env notin (prod)').matches(labels)).to.equal(false)
    expect(parseLabelSelector('missing in (a)').matches(labels)).to.equal(false)
    expect(parseLabelSelector('missing notin (a)').matches(labels)).to.equal(true)
  })

  it('matches existence and non-existence', () => {
    expect(parseLabelSelector('app').matches(labels)).to.equal(true)
    expect(parseLabelSelector('missing').matches(labels)).to.equal(false)
    expect(parseLabelSelector('!missing').matches(labels)).to.equal(true)
    expect(parseLabelSelector('!app').matches(labels)).to.equal(false)
    expect(parseLabelSelector('app').matches(undefined)).to.equal(false)
    expect(parseLabelSelector('!app').matches(undefined)).to.equal(true)
  })

  it('compares integers with > and <', () => {
    expect(parseLabelSelector('replicas>2').matches(labels)).to.equal(true)
    expect(parseLabelSelector('replicas>3').matches(labels)).to.equal(false)
    expect(parseLabelSelector('replicas<4').matches(labels)).to.equal(true)
    expect(parseLabelSelector('replicas<0').matches(labels)).to.equal(false)
    // Values are label values too, so a negative bound is rejected, as upstream does.
    expect(parseError('replicas<-1').message).to.contain('invalid label value: "-1"')
    expect(parseLabelSelector('app>1').matches(labels)).to.equal(false)
    expect(parseLabelSelector('missing<10').matches(labels)).to.equal(false)
  })

  it('ANDs comma-separated requirements and ignores whitespace', () => {
    expect(parseLabelSelector(' app = web , tier in ( front ) , !gone ').matches(labels)).to.equal(
      true
    )
    expect(parseLabelSelector('app=web,tier=back').matches(labels)).to.equal(false)
    expect(
      parseLabelSelector('name=demo,owner=helm').matches({ name: 'demo', owner: 'helm' })
    ).to.equal(true)
    expect(parseLabelSelector('name=demo,owner=helm').matches({ name: 'demo' })).to.equal(false)
  })

  it('treats an empty or blank selector as everything', () => {
    expect(parseLabelSelector('').isEmpty()).to.equal(true)
    expect(parseLabelSelector('  ').matches({})).to.equal(true)
  })

  it('accepts empty values and the keywords as values', () => {
    expect(parseLabelSelector('x=').matches({ x: '' })).to.equal(true)
    expect(parseLabelSelector('x=,y=b').matches({ x: '', y: 'b' })).to.equal(true)
    expect(parseLabelSelector('x in (a,,b)').matches({ x: '' })).to.equal(true)
    expect(parseLabelSelector('x notin ()').matches({ x: '' })).to.equal(false)
    expect(parseLabelSelector('x in (in,notin)').matches({ x: 'notin' })).to.equal(true)
    expect(parseLabelSelector('in=notin').matches({ in: 'notin' })).to.equal(true)
  })

  it('accepts prefixed keys', () => {
    const sel = parseLabelSelector('app.kubernetes.io/managed-by=Helm')
    expect(sel.matches({ 'app.kubernetes.io/managed-by': 'Helm' })).to.equal(true)
  })

  it('prints the canonical form, sorted by key with sorted values', () => {
    const sel = parseLabelSelector('z notin (b,a),a=1,!m,k,n>5,c==d,e!=f,x in (y)')
    expect(sel.toString()).to.equal('a=1,c==d,e!=f,k,!m,n>5,x in (y),z notin (a,b)')
    expect(parseLabelSelector('b in (c,b,c)').toString()).to.equal('b in (b,c)')
  })

  it('reports the value a key must have', () => {
    expect(parseLabelSelector('a=1,b in (2)').requiresExactMatch('b')).to.equal('2')
    expect(parseLabelSelector('a!=1').requiresExactMatch('a')).to.equal(undefined)
  })

  const malformed: [string, string][] = [
    ['x=a||y=b', 'unable to parse requirement: invalid label value: "a||y": at key: "x"'],
    ['x==a==b', "found '==', expected: ',' or 'end of string'"],
    ['!x=a', "found '=', expected: ',' or 'end of string'"],
    ['x<a', "unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer"],
    ['x>1.5', 'the value must be an integer'],
    ['x in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
    ['x in a', "unable to parse requirement: found 'a' expected: '('"],
    ['x in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
    ['x in (=)', "unable to parse requirement: found '=', expected: ',', ')' or identifier"],
    ['x notin', "unable to parse requirement: found '' expected: '('"],
    ['x y', "unable to parse requirement: found 'y', expected: '=', '!=', '==', 'in', notin'"],
    ['a,', "found '', expected: identifier after ','"],
    [',a', "found ',', expected: !, identifier, or 'end of string'"],
    ['=a', "found '=', expected: !, identifier, or 'end of string'"],
    ['!', "unable to parse requirement: found '', expected: identifier"],
    ['!!a', "unable to parse requirement: found '!', expected: identifier"],
    ['a=b=c', "found '=', expected: ',' or 'end of string'"],
    ['a==', ''],
    ['(a)', "found '(', expected: !, identifier, or 'end of string'"],
    ['a=(b)', "unable to parse requirement: found '(', expected: identifier"],
  ]
  for (const [input, message] of malformed) {
    it(`rejects ${JSON.stringify(input)} with 400 BadRequest`, () => {
      if (message === '') {
        expect(parseLabelSelector(input).matches({ a: '' })).to.equal(true)
        return
      }
      const err = parseError(input)
      expect(err.code).to.equal(400)
      expect(err.reason).to.equal('BadRequest')
      expect(err.message).to.contain(message)
    })
  }

  it('rejects invalid keys with the validation message', () => {
    const err = parseError('component+kube-apiserver,tier')
    expect(err.message).to.equal(
      'unable to parse requirement: invalid label key "component+kube-apiserver": name part must consist of ' +
        "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
    )
    expect(parseError('-ltier=postgres').message).to.contain('invalid label key "-ltier"')
    expect(parseError('a/b/c=d').message).to.contain('a qualified name must consist of')
    expect(parseError('/a=b').message).to.contain('prefix part must be non-empty')
    expect(parseError('Example.com/a=b').message).to.contain('prefix part a DNS-1123 subdomain')
    expect(parseError('example.com/=b').message).to.contain('name part must be non-empty')
    expect(parseError(`${'k'.repeat(64)}=v`).message).to.contain(
      'name part must be no more than 63 characters'
    )
  })

  it('rejects invalid values with the validation message', () => {
    const err = parseError('app=-web')
    expect(err.message).to.match(
      /^unable to parse requirement: invalid label value: "-web": at key: "app": a valid label/
    )
    expect(parseError(`app=${'v'.repeat(64)}`).message).to.contain(
      'must be no more than 63 characters'
    )
    expect(parseError('app in (ok,bad!)').message).to.contain("found '!', expected: ',' or ')'")
  })
})

describe('newRequirement()', () => {
  it('checks the value count per operator', () => {
    expect(() => newRequirement('a', Operators.In, [])).to.throw("values set can't be empty")
    expect(() => newRequirement('a', Operators.Equals, ['x', 'y'])).to.throw('one single value')
    expect(() => newRequirement('a', Operators.Exists, ['x'])).to.throw('values set must be empty')
    expect(() => newRequirement('a', Operators.GreaterThan, ['1', '2'])).to.throw(
      'exactly one value'
    )
    expect(() => newRequirement('a', Operators.LessThan, ['99999999999999999999'])).to.throw(
      'integer'
    )
    expect(newRequirement('a', Operators.GreaterThan, ['3']).values).to.deep.equal(['3'])
  })

  it('builds selectors that match like parsed ones', () => {
    const sel = new LabelSelector([
      newRequirement('b', Operators.In, ['x']),
      newRequirement('a', Operators.Exists, []),
    ])
    expect(sel.toString()).to.equal('a,b in (x)')
    expect(sel.matches({ a: '', b: 'x' })).to.equal(true)
    expect(sel.matches({ b: 'x' })).to.equal(false)
    expect(LabelSelector.nothing().matches({})).to.equal(false)
    expect(LabelSelector.everything().matches(undefined)).to.equal(true)
  })
})
