import { expect } from 'chai'
import type { KubeObject } from '../../api/types.js'
import { dig, TABLE_ACCEPT, useHandlerHarness, type Obj } from '../../testing/apiserver/index.js'

describe('list options through the handler', () => {
  const { call, ok, namespace } = useHandlerHarness({ namespacePrefix: 'list' })

  describe('list', () => {
    it('pages through 25 items with limit and continue, counting the remaining items', async () => {
      const ns = await namespace()
      const base = `/api/v1/namespaces/${ns}/configmaps`
      for (let i = 0; i < 25; i++)
        await ok('POST', base, { body: { metadata: { name: `c${String(i).padStart(2, '0')}` } } })
      const names: string[] = []
      const remaining: unknown[] = []
      let cont: string | undefined
      let pages = 0
      do {
        const page = await ok('GET', base, {
          query: { limit: '10', ...(cont ? { continue: cont } : {}) },
        })
        pages++
        names.push(...(page.items as KubeObject[]).map((o) => o.metadata.name!))
        cont = dig(page, 'metadata.continue') as string | undefined
        remaining.push(dig(page, 'metadata.remainingItemCount'))
      } while (cont && pages < 5)
      expect(pages).to.equal(3)
      expect(remaining).to.deep.equal([15, 5, undefined])
      expect(names).to.have.length(25)
      expect(names).to.deep.equal([...names].sort())
      expect(new Set(names).size).to.equal(25)
    })

    it('refuses a garbage continue token and a negative limit with 400', async () => {
      const garbage = await call('GET', '/api/v1/configmaps', {
        query: { continue: 'not-a-token!' },
      })
      expect(garbage.status).to.equal(400)
      expect(garbage.body.reason).to.equal('BadRequest')
      const json = await call('GET', '/api/v1/configmaps', {
        query: { continue: Buffer.from('{"rv":"x"}').toString('base64url') },
      })
      expect(json.status).to.equal(400)
      expect((await call('GET', '/api/v1/configmaps', { query: { limit: '-1' } })).status).to.equal(
        400
      )
      expect(
        (await call('GET', '/api/v1/configmaps', { query: { limit: 'ten' } })).status
      ).to.equal(400)
    })

    it('filters by label and field selectors and refuses malformed ones with 400', async () => {
      const ns = await namespace()
      const base = `/api/v1/namespaces/${ns}/configmaps`
      await ok('POST', base, { body: { metadata: { name: 'a', labels: { tier: 'web' } } } })
      await ok('POST', base, { body: { metadata: { name: 'b', labels: { tier: 'db' } } } })
      const names = async (query: Record<string, string>) =>
        ((await ok('GET', base, { query })).items as KubeObject[]).map((o) => o.metadata.name)
      expect(await names({ labelSelector: 'tier in (web,cache)' })).to.deep.equal(['a'])
      expect(await names({ labelSelector: 'tier!=web' })).to.deep.equal(['b'])
      expect(await names({ fieldSelector: 'metadata.name=b' })).to.deep.equal(['b'])
      // A pinned label narrows through the store's index; the rest of the selector still applies.
      await ok('POST', base, { body: { metadata: { name: 'c', labels: { tier: 'web', x: '1' } } } })
      expect(await names({ labelSelector: 'tier=web' })).to.deep.equal(['a', 'c'])
      expect(await names({ labelSelector: 'tier in (web),x!=1' })).to.deep.equal(['a'])
      expect(await names({ labelSelector: 'tier==web,x' })).to.deep.equal(['c'])
      expect(await names({ labelSelector: 'tier=web', limit: '1' })).to.deep.equal(['a'])
      expect((await call('GET', base, { query: { labelSelector: 'a in (' } })).status).to.equal(400)
      const field = await call('GET', base, { query: { fieldSelector: 'spec.nothing=1' } })
      expect(field.status).to.equal(400)
      expect(field.body.message).to.contain('field label not supported')
    })

    it('answers a Table with columns, rows and the list resourceVersion when asked', async () => {
      const ns = await namespace()
      const base = `/api/v1/namespaces/${ns}/configmaps`
      await ok('POST', base, { body: { metadata: { name: 'a' }, data: { x: '1', y: '2' } } })
      const table = await ok('GET', base, { headers: { accept: TABLE_ACCEPT } })
      expect(table).to.include({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' })
      expect((table.columnDefinitions as Obj[]).map((c) => c.name)).to.deep.equal([
        'Name',
        'Data',
        'Age',
      ])
      const rows = table.rows as Obj[]
      expect(rows).to.have.length(1)
      expect((rows[0]!.cells as unknown[]).slice(0, 2)).to.deep.equal(['a', 2])
      expect(dig(table, 'metadata.resourceVersion')).to.match(/^\d+$/)
      const single = await ok('GET', `${base}/a`, {
        headers: { accept: TABLE_ACCEPT },
        query: { includeObject: 'Object' },
      })
      expect(dig((single.rows as Obj[])[0], 'object.kind')).to.equal('ConfigMap')
      expect(
        (
          await call('GET', base, {
            headers: { accept: TABLE_ACCEPT },
            query: { includeObject: 'All' },
          })
        ).status
      ).to.equal(400)
    })

    it('deletes a collection by label selector', async () => {
      const ns = await namespace()
      const base = `/api/v1/namespaces/${ns}/configmaps`
      await ok('POST', base, { body: { metadata: { name: 'a', labels: { gone: 'yes' } } } })
      await ok('POST', base, { body: { metadata: { name: 'b' } } })
      const deleted = await ok('DELETE', base, { query: { labelSelector: 'gone=yes' } })
      expect((deleted.items as KubeObject[]).map((o) => o.metadata.name)).to.deep.equal(['a'])
      expect(
        ((await ok('GET', base)).items as KubeObject[]).map((o) => o.metadata.name)
      ).to.deep.equal(['b'])
    })
  })
})
