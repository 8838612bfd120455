// Label key and value rules of k8s.io/apimachinery/pkg/util/validation, worded as kube-apiserver
// 1.11 words them (the lab's default profile).

const NAME_FMT = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'
const NAME_RE = new RegExp(`^${NAME_FMT}$`)
const NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
const NAME_MAX = 63

const VALUE_FMT = `(${NAME_FMT})?`
const VALUE_RE = new RegExp(`^${VALUE_FMT}$`)
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
const VALUE_MAX = 63

const DNS_LABEL_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
const DNS_SUBDOMAIN_FMT = `${DNS_LABEL_FMT}(\\.${DNS_LABEL_FMT})*`
const DNS_SUBDOMAIN_RE = new RegExp(`^${DNS_SUBDOMAIN_FMT}$`)
const DNS_SUBDOMAIN_MSG =
  "a DNS-1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
const DNS_SUBDOMAIN_MAX = 253

/** Returns a string quoted as Go's `%q` quotes it (close enough for printable text). */
export function goQuote(s: string): string {
  return JSON.stringify(s)
}

function regexError(msg: string, fmt: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${fmt}')`
  const eg = examples.map((e) => `'${e}', `).join(' or ')
  return `${msg} (e.g. ${eg}regex used for validation is '${fmt}')`
}

function maxLenError(n: number): string {
  return `must be no more than ${n} characters`
}

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8')
}

/** Returns the problems of a DNS-1123 subdomain (empty when valid). */
export function isDns1123Subdomain(value: string): string[] {
  const errs: string[] = []
  if (byteLength(value) > DNS_SUBDOMAIN_MAX) errs.push(maxLenError(DNS_SUBDOMAIN_MAX))
  if (!DNS_SUBDOMAIN_RE.test(value)) {
    errs.push(regexError(DNS_SUBDOMAIN_MSG, DNS_SUBDOMAIN_FMT, 'example.com'))
  }
  return errs
}

// Keys found valid: a cluster's labels and selectors use a few keys, checked on every write and
// every selector built (the endpoints controller builds one per Service per pod event).
const validNames = new Set<string>()
const VALID_NAMES_KEPT = 10_000

/** Returns the problems of a qualified name / label key such as `app.kubernetes.io/name` (empty when valid). */
export function isQualifiedName(value: string): string[] {
  if (validNames.has(value)) return []
  const errs = qualifiedNameProblems(value)
  if (errs.length === 0) {
    if (validNames.size >= VALID_NAMES_KEPT) validNames.clear()
    validNames.add(value)
  }
  return errs
}

function qualifiedNameProblems(value: string): string[] {
  const errs: string[] = []
  const parts = value.split('/')
  let name: string
  if (parts.length === 1) {
    name = parts[0]!
  } else if (parts.length === 2) {
    const prefix = parts[0]!
    name = parts[1]!
    if (prefix.length === 0) errs.push('prefix part must be non-empty')
    else errs.push(...isDns1123Subdomain(prefix).map((m) => `prefix part ${m}`))
  } else {
    return [
      `a qualified name ${regexError(NAME_MSG, NAME_FMT, 'MyName', 'my.name', '123-abc')}` +
        " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    ]
  }
  if (name.length === 0) errs.push('name part must be non-empty')
  else if (byteLength(name) > NAME_MAX) errs.push(`name part ${maxLenError(NAME_MAX)}`)
  if (!NAME_RE.test(name)) {
    errs.push(`name part ${regexError(NAME_MSG, NAME_FMT, 'MyName', 'my.name', '123-abc')}`)
  }
  return errs
}

/** Returns the problems of a label value (empty when valid; the empty string is valid). */
export function isValidLabelValue(value: string): string[] {
  const errs: string[] = []
  if (byteLength(value) > VALUE_MAX) errs.push(maxLenError(VALUE_MAX))
  if (!VALUE_RE.test(value)) {
    errs.push(regexError(VALUE_MSG, VALUE_FMT, 'MyValue', 'my_value', '12345'))
  }
  return errs
}
