/** Table column definitions and cells, as every printer writes them (metav1 Table types). */

/** One column of a Table (metav1.TableColumnDefinition); every field is always serialised. */
export interface TableColumnDefinition {
  name: string
  /** An OpenAPI type: `string`, `integer`, `number`, `boolean` or `date`. */
  type: string
  /** `name` marks the column kubectl prefixes with `kind/`. */
  format: string
  description: string
  /** 0 is shown by default, 1 only with `-o wide`. */
  priority: number
}

/** A pre-formatted cell value; null is what the server sends for a missing custom column. */
export type TableCell = string | number | boolean | null

/** A row condition (metav1.TableRowCondition); `Completed` is the only type Kubernetes defines. */
export interface TableRowCondition {
  type: string
  status: string
  reason?: string
  message?: string
}

/** Returns a column definition; priority 0 and no format unless given. */
export function column(
  name: string,
  type: string,
  description: string,
  opts: { priority?: number; format?: string } = {}
): TableColumnDefinition {
  return { name, type, format: opts.format ?? '', description, priority: opts.priority ?? 0 }
}

/** Returns the `Name` column every printer starts with (format `name`). */
export function nameColumn(priority = 0): TableColumnDefinition {
  return column(
    'Name',
    'string',
    'Name is unique within a namespace for a given resource type; it identifies the object.',
    { format: 'name', priority }
  )
}

/** Returns the `Age` column: time since metadata.creationTimestamp, pre-formatted as a string. */
export function ageColumn(): TableColumnDefinition {
  return column(
    'Age',
    'string',
    'Time elapsed since the server created the object (metadata.creationTimestamp).'
  )
}

/** Returns the wide `Containers` column of workload printers. */
export function containersColumn(): TableColumnDefinition {
  return column('Containers', 'string', 'Names of the containers in the pod template.', {
    priority: 1,
  })
}

/** Returns the wide `Images` column of workload printers. */
export function imagesColumn(): TableColumnDefinition {
  return column('Images', 'string', 'Images of the containers in the pod template.', {
    priority: 1,
  })
}

/** Returns the wide `Selector` column of workload printers. */
export function selectorColumn(what: string): TableColumnDefinition {
  return column('Selector', 'string', `The label selector of the ${what}.`, { priority: 1 })
}
