import { expect } from 'chai'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { testContainer } from '../../testing/kubelet/shell-context.js'

const GOLDEN = join(import.meta.dirname, 'testdata', 'shell-transcripts.txt')

/** Command lines run with `sh -c` in a fresh test container; the golden file holds what each printed. */
const SCRIPTS = [
  'echo hi; exit 3',
  'echo $GREETING "$GREETING" \'$GREETING\'',
  'true && echo yes || echo no',
  'false && echo yes || echo no',
  'false; echo $?',
  'nosuchcmd --flag',
  'cat /etc/config/app.properties | grep port',
  'cat /etc/config/app.properties | wc -l',
  'printf x',
  'ls /etc/config',
  'cat /etc/config/nope',
  'echo a > /etc/config/x',
  'echo one > /data/f && echo two >> /data/f && cat /data/f && wc -c < /data/f',
  'echo err 1>&2; echo out',
  'ls /nope 2>/dev/null || echo missing',
  'env | grep GREETING',
  'printenv HOME HOSTNAME',
  'hostname; cat /etc/hostname',
  'X=1; echo ${X:-unset} ${Y:-unset}',
  'echo $(hostname)-$(echo sub)',
  'cd /etc/config && pwd && ls',
  'cd /nope',
  'for x in a b; do echo $x; done',
  'if [ -d /data ]; then echo dir; else echo none; fi',
  'if false; then echo a; elif true; then echo b; fi',
  'n=0; while [ $n -lt 3 ]; do echo $n; n=$(($n+1)); done',
  'i=0; for f in /etc/config/*; do echo "$f"; done | head -n 1',
  'printf "%s=%d\\n" a 1 b 2',
  'echo "unterminated',
  'head -n 1 /etc/config/app.properties; tail -n1 /etc/config/app.properties',
  'grep -c = /etc/config/app.properties',
  'grep -v port /etc/config/app.properties',
  'grep nomatch /etc/config/app.properties; echo $?',
  'ls /etc/config/*',
  '[ -f /etc/config/level ] && echo file; test -d /data && echo dir',
  'date',
  'date +%Y-%m-%dT%H:%M:%S',
  'ps',
  'kill 42',
  'wget -qO- http://web/hello',
  'wget -qO- http://web/missing; echo $?',
  'wget -qO- http://nohost/; echo $?',
  'nslookup web',
  'nslookup nohost',
  'getent hosts web',
  'curl -s http://web:8080/x',
  'mkdir -p /tmp/a/b && touch /tmp/a/b/c && ls /tmp/a/b && rm -r /tmp/a && ls /tmp',
  'sleep 0.01 && echo slept',
  'sleep abc',
  'echo -n no-newline',
  '(cd /etc; pwd); pwd',
  "A=b sh -c 'echo inner $A'",
  'exit',
]

async function transcript(): Promise<string> {
  const parts: string[] = []
  for (const s of SCRIPTS) {
    const c = testContainer()
    const r = await c.run(['sh', '-c', s])
    parts.push(`$ ${s}\n--- stdout\n${r.stdout}--- stderr\n${r.stderr}--- exit ${r.code}\n`)
  }
  return parts.join('\n')
}

describe('the container shell (golden transcripts)', () => {
  it('prints what busybox sh prints for each command line', async () => {
    const got = await transcript()
    if (process.env.UPDATE_GOLDEN) writeFileSync(GOLDEN, got)
    expect(got).to.equal(readFileSync(GOLDEN, 'utf8'))
  })

  it('ends with the exit code of the last command, and 127 for an unknown one', async () => {
    const c = testContainer()
    expect((await c.run(['sh', '-c', 'exit 7'])).code).to.equal(7)
    expect((await c.run(['sh', '-c', 'nosuch'])).code).to.equal(127)
    expect((await c.run(['sh', '-c', 'true'])).code).to.equal(0)
    expect((await c.run(['nosuch'])).code).to.equal(127)
  })

  it('reads a script from stdin line by line', async () => {
    const c = testContainer()
    const r = await c.run(['sh'], 'echo first\nexit 4\necho never\n')
    expect(r).to.deep.equal({ stdout: 'first\n', stderr: '', code: 4 })
  })

  it('on a terminal: a prompt, echo, backspace, Ctrl-C, arrow keys dropped, CRLF output', async () => {
    const c = testContainer()
    const typed = 'echo hel\x7flo\x1b[A\r' + 'junk\x03' + 'cd /etc\rexit 5\r'
    const r = await c.run(['sh'], typed, true)
    expect(r.code).to.equal(5)
    expect(r.stdout).to.equal(
      '/ # echo hel\b \blo\r\nhelo\r\n/ # junk^C\r\n/ # cd /etc\r\netc # exit 5\r\n'
    )
  })

  it('kill 1 signals the main process; other pids are refused', async () => {
    const c = testContainer()
    expect((await c.run(['kill', '1'])).code).to.equal(0)
    expect(c.killed).to.deep.equal([1])
    expect((await c.run(['kill', '99'])).code).to.equal(1)
  })

  it('tar round-trips a directory (kubectl cp both ways)', async () => {
    const c = testContainer()
    await c.run(['sh', '-c', 'mkdir -p /data/d && echo payload > /data/d/f.txt'])
    const out = await c.run(['tar', 'cf', '-', '-C', '/data', 'd'])
    expect(out.code).to.equal(0)
    const d = testContainer()
    const x = await d.run(['tar', '-xmf', '-', '-C', '/tmp'], out.stdout)
    expect(x.code).to.equal(0)
    expect(d.fs.read('/tmp/d/f.txt').toString()).to.equal('payload\n')
  })
})
