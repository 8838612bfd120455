import { expect } from 'chai'
import { urlLines } from './lab-urls.js'

describe('urlLines()', () => {
  it('prints each URL once on the first node and names the other addresses', () => {
    const urls = ['127.0.10.104', '127.0.10.105'].flatMap((a) => [
      { title: 'MSB portal', url: `http://${a}:30280/iui/microservices/default.html` },
      { title: 'Grafana', url: `http://${a}:30300/` },
    ])
    expect(urlLines(urls)).to.deep.equal([
      'URLs (the same on 127.0.10.105):',
      '  MSB portal  http://127.0.10.104:30280/iui/microservices/default.html',
      '  Grafana     http://127.0.10.104:30300/',
    ])
  })

  it('prints nothing when no page URL exists', () => {
    expect(urlLines([])).to.deep.equal([])
  })
})
