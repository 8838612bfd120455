import { expect } from 'chai'
import { parseCurlCommand } from './curl-command.js'

describe('parseCurlCommand()', () => {
  it('reads the target, namespace, container and the curl arguments after --', () => {
    expect(
      parseCurlCommand(['deploy/web', '-n', 'onap', '-c', 'app', '--', '-s', '-n', 'http://x/'])
    ).to.deep.equal({
      namespace: 'onap',
      container: 'app',
      target: 'deploy/web',
      tty: false,
      args: ['-s', '-n', 'http://x/'],
    })
    expect(
      parseCurlCommand(['--tty', '--namespace=onap', 'web-1', '--', 'http://x/'])
    ).to.deep.include({
      namespace: 'onap',
      target: 'web-1',
      tty: true,
      args: ['http://x/'],
    })
  })

  it('names what is missing', () => {
    expect(parseCurlCommand(['--', 'http://x/'])).to.match(/^error: curl needs a pod/)
    expect(parseCurlCommand(['web', '-n'])).to.equal('error: flag needs an argument: -n')
  })
})
