import type { KubeObject } from '../../api/types.js'
import { list, mapSize, num, optBool, str } from './fields.js'
import { ageSince } from './human-duration.js'
import type { PrintContext, Printer } from './printer.js'
import { ageColumn, column, nameColumn } from './table.js'
import type { TableCell, TableColumnDefinition } from './table.js'

/** Returns a printer of Name, the given middle columns, and Age. */
function withNameAndAge(
  middle: TableColumnDefinition[],
  cells: (obj: KubeObject, ctx: PrintContext) => TableCell[]
): Printer {
  return {
    columns: [nameColumn(), ...middle, ageColumn()],
    cells: (obj, ctx) => [
      obj.metadata.name ?? '',
      ...cells(obj, ctx),
      ageSince(obj.metadata.creationTimestamp, ctx.now),
    ],
  }
}

/** Prints namespaces: Name, Status (phase), Age. */
export const namespacePrinter = withNameAndAge(
  [column('Status', 'string', 'The status of the namespace')],
  (ns) => [str(ns, 'status', 'phase')]
)

/** Prints config maps: Name, Data (number of keys in data and binaryData), Age. */
export const configMapPrinter = withNameAndAge(
  [column('Data', 'string', 'Number of keys in data and binaryData.')],
  (cm) => [mapSize(cm, 'data') + mapSize(cm, 'binaryData')]
)

/** Prints secrets: Name, Type, Data (number of keys), Age. */
export const secretPrinter = withNameAndAge(
  [
    column('Type', 'string', 'The type of the secret.'),
    column('Data', 'string', 'Number of keys in data.'),
  ],
  // stringData is merged into data on write, so only data counts.
  (s) => [str(s, 'type'), mapSize(s, 'data')]
)

/** Prints service accounts: Name, Secrets (number of secret references), Age. */
export const serviceAccountPrinter = withNameAndAge(
  [column('Secrets', 'string', 'Number of secrets the service account references.')],
  (sa) => [list(sa, 'secrets').length]
)

/** Prints mutating or validating webhook configurations: Name, Webhooks (count), Age. */
export const webhookConfigurationPrinter = withNameAndAge(
  [
    column(
      'Webhooks',
      'integer',
      'Webhooks indicates the number of webhooks registered in this configuration'
    ),
  ],
  (w) => [list(w, 'webhooks').length]
)

/** Prints leases: Name, Holder, Age. */
export const leasePrinter = withNameAndAge(
  [column('Holder', 'string', 'The identity of the lease holder.')],
  (l) => [str(l, 'spec', 'holderIdentity')]
)

/** Prints priority classes: Name, Value, Global-Default, Age, PreemptionPolicy. */
export const priorityClassPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Value', 'integer', 'The priority of pods that use this class.'),
    column('Global-Default', 'boolean', 'Whether pods without a class get this one.'),
    ageColumn(),
    column('PreemptionPolicy', 'string', 'Whether pods of this class may preempt others.'),
  ],
  cells: (pc, ctx) => [
    pc.metadata.name ?? '',
    num(pc, 'value'),
    optBool(pc, 'globalDefault') ?? false,
    ageSince(pc.metadata.creationTimestamp, ctx.now),
    str(pc, 'preemptionPolicy'),
  ],
}
