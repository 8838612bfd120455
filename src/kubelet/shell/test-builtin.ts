import { ContainerFs } from './container-fs.js'

/** Evaluates `test`/`[` arguments (file tests, string and integer comparisons, `!`); 0 true, 1 false, 2 error. */
export function testExpression(
  args: string[],
  fs: ContainerFs,
  cwd: string,
  error: (m: string) => void
): number {
  if (args[0] === '!') {
    const r = testExpression(args.slice(1), fs, cwd, error)
    return r === 2 ? 2 : 1 - r
  }
  const truth = (b: boolean) => (b ? 0 : 1)
  if (args.length === 0) return 1
  if (args.length === 1) return truth(args[0] !== '')
  if (args.length === 2) {
    const [op, v] = args as [string, string]
    const st = fs.stat(ContainerFs.abs(cwd, v))
    switch (op) {
      case '-z':
        return truth(v === '')
      case '-n':
        return truth(v !== '')
      case '-e':
        return truth(st !== undefined)
      case '-f':
        return truth(st?.type === 'file')
      case '-d':
        return truth(st?.type === 'dir')
      case '-s':
        return truth((st?.size ?? 0) > 0 && st?.type === 'file')
      case '-r':
      case '-w':
      case '-x':
        return truth(st !== undefined)
    }
    error(`${op}: unknown operand`)
    return 2
  }
  const [a, op, b] = args as [string, string, string]
  const int = (s: string) => {
    if (!/^\s*-?\d+\s*$/.test(s)) throw new Error(`invalid number '${s}'`)
    return Number(s)
  }
  try {
    switch (op) {
      case '=':
      case '==':
        return truth(a === b)
      case '!=':
        return truth(a !== b)
      case '-eq':
        return truth(int(a) === int(b))
      case '-ne':
        return truth(int(a) !== int(b))
      case '-lt':
        return truth(int(a) < int(b))
      case '-le':
        return truth(int(a) <= int(b))
      case '-gt':
        return truth(int(a) > int(b))
      case '-ge':
        return truth(int(a) >= int(b))
    }
  } catch (err) {
    error(`${(err as Error).message}`)
    return 2
  }
  error(`${op}: unknown operand`)
  return 2
}
