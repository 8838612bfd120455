import { expect } from 'chai'
import { ContainerUsageMeter } from './container-usage.js'

describe('ContainerUsageMeter', () => {
  it('answers "since T" in whole seconds across second boundaries', () => {
    const now = { t: 10_000 }
    const m = new ContainerUsageMeter(undefined, () => now.t)
    m.handled('ns', 'p', 'c', 1, 1) // second 10
    now.t = 10_900
    m.handled('ns', 'p', 'c', 1, 1) // still second 10
    now.t = 12_100
    m.handled('ns', 'p', 'c', 1, 1) // second 12
    now.t = 15_000
    m.handled('ns', 'p', 'c', 1, 1) // second 15
    const since = (t: number) => m.container('ns', 'p', 'c', t).requests
    expect(since(0)).to.equal(4)
    expect(since(10_500)).to.equal(4) // the second it started in counts
    expect(since(11_000)).to.equal(2)
    expect(since(12_999)).to.equal(2)
    expect(since(13_000)).to.equal(1)
    expect(since(15_000)).to.equal(1)
    // A container started after the last request (a restart) starts from zero.
    expect(since(16_000)).to.equal(0)
  })

  it('counts each request handled on the container it names (a proxy’s meter)', () => {
    const meter = new ContainerUsageMeter()
    meter.handled('onap', 'client', 'istio-proxy', 10, 20)
    meter.handled('onap', 'client', 'istio-proxy', 1, 2)
    meter.handled('istio-system', 'gw', 'istio-proxy', 5, 5)
    expect(meter.container('onap', 'client', 'istio-proxy', 0).requests).to.equal(2)
    expect(meter.container('onap', 'server', 'istio-proxy', 0).requests).to.equal(0)
    expect(meter.container('istio-system', 'gw', 'istio-proxy', 0).requests).to.equal(1)
  })

  it('counts a pod’s eth0 bytes and packets per direction', () => {
    const m = new ContainerUsageMeter(undefined, () => 1000)
    m.traffic('ns', 'p', 3000, 0)
    m.traffic('ns', 'p', 10, 20)
    expect(m.podNetwork('ns', 'p', 0)).to.deep.equal({
      rxBytes: 3010,
      txBytes: 20,
      rxPackets: 4,
      txPackets: 1,
    })
    expect(m.podNetwork('ns', 'p', 2000)).to.deep.equal({
      rxBytes: 0,
      txBytes: 0,
      rxPackets: 0,
      txPackets: 0,
    })
  })
})
