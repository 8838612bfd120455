import type { ActionContext } from '../install/index.js'
import { pageUrls, type PageUrl } from '../network/index.js'

/**
 * Returns the page's URLs on the lab (node addresses × the NodePorts of msb-iag and the add-ons),
 * from the Services the API lists now; none when they cannot be listed.
 */
export async function labUrls(
  kubectl: ActionContext['kubectl'],
  addresses: string[]
): Promise<PageUrl[]> {
  const r = await kubectl(['get', 'services', '--all-namespaces', '-o', 'json'], {
    record: false,
    nothrow: true,
  })
  if (r.code !== 0) return []
  try {
    return pageUrls(
      (JSON.parse(r.stdout) as { items: Parameters<typeof pageUrls>[0] }).items,
      addresses
    )
  } catch {
    return [] // A listing that does not parse leaves the URLs out; the lab itself is up.
  }
}

/**
 * Returns the lines `lab:up` ends with: each URL once, on the first node address, titled, under
 * a header naming the other addresses that answer on the same ports.
 */
export function urlLines(urls: PageUrl[]): string[] {
  if (urls.length === 0) return []
  const hostOf = (u: string) => new URL(u).hostname
  const hosts = [...new Set(urls.map((u) => hostOf(u.url)))]
  const first = urls.filter((u) => hostOf(u.url) === hosts[0])
  const width = Math.max(...first.map((u) => u.title.length))
  const also = hosts.length > 1 ? ` (the same on ${hosts.slice(1).join(', ')})` : ''
  return [`URLs${also}:`, ...first.map((u) => `  ${u.title.padEnd(width)}  ${u.url}`)]
}
