/**
 * Returns what busybox echo prints (the shell builtin and the applet are one function there):
 * `-n` drops the trailing newline, `-e` interprets `\n`, `\t`, `\r` and `\\`.
 */
export function echoText(argv: string[]): string {
  let args = argv
  let newline = true
  let escapes = false
  while (args[0] && /^-[ne]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false
    if (args[0].includes('e')) escapes = true
    args = args.slice(1)
  }
  let text = args.join(' ')
  if (escapes)
    text = text.replace(
      /\\([ntr\\])/g,
      (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? c
    )
  return newline ? `${text}\n` : text
}
