import type { JsonObject } from '../../api/types.js'

// The parameters kube-apiserver declares on its operations. kubectl and helm look for
// `fieldValidation` among a PATCH operation's own query parameters (not path-level ones, not
// $refs into components) to decide that the server validates fields itself, so every write
// operation lists its query parameters inline.

function query(
  name: string,
  type: 'string' | 'boolean' | 'integer',
  description: string
): JsonObject {
  return { name, in: 'query', description, schema: { type, uniqueItems: true } }
}

function pathParam(name: string, description: string): JsonObject {
  return {
    name,
    in: 'path',
    description,
    required: true,
    schema: { type: 'string', uniqueItems: true },
  }
}

/** The `{name}` path parameter. */
export const NAME_PARAM = pathParam('name', 'name of the object')
/** The `{namespace}` path parameter. */
export const NAMESPACE_PARAM = pathParam(
  'namespace',
  'object name and auth scope, such as for teams and projects'
)
/** The `pretty` query parameter every path declares. */
export const PRETTY_PARAM = query(
  'pretty',
  'string',
  "If 'true', then the output is pretty printed."
)

const DRY_RUN = query(
  'dryRun',
  'string',
  'When present, indicates that modifications should not be persisted. The only valid value is All.'
)
const FIELD_MANAGER = query(
  'fieldManager',
  'string',
  'fieldManager is a name associated with the actor or entity that is making these changes.'
)
const FIELD_VALIDATION = query(
  'fieldValidation',
  'string',
  'fieldValidation instructs the server on how to handle objects in the request containing unknown or ' +
    'duplicate fields. Valid values are: Ignore, Warn and Strict.'
)
const FORCE = query(
  'force',
  'boolean',
  'Force is going to "force" Apply requests: the request re-acquires conflicting fields owned by other ' +
    'managers. It must be unset for non-apply patch requests.'
)

/** Query parameters of list and watch operations. */
export const LIST_PARAMS: JsonObject[] = [
  query(
    'allowWatchBookmarks',
    'boolean',
    'allowWatchBookmarks requests watch events with type "BOOKMARK".'
  ),
  query(
    'continue',
    'string',
    'The continue option should be set when retrieving more results from the server.'
  ),
  query(
    'fieldSelector',
    'string',
    'A selector to restrict the list of returned objects by their fields.'
  ),
  query(
    'labelSelector',
    'string',
    'A selector to restrict the list of returned objects by their labels.'
  ),
  query('limit', 'integer', 'limit is a maximum number of responses to return for a list call.'),
  query(
    'resourceVersion',
    'string',
    'resourceVersion sets a constraint on what resource versions a request may be served from.'
  ),
  query(
    'resourceVersionMatch',
    'string',
    'resourceVersionMatch determines how resourceVersion is applied to list calls.'
  ),
  query(
    'sendInitialEvents',
    'boolean',
    'sendInitialEvents=true may be set together with watch=true (WatchList).'
  ),
  query('timeoutSeconds', 'integer', 'Timeout for the list/watch call.'),
  query(
    'watch',
    'boolean',
    'Watch for changes to the described resources and return them as a stream.'
  ),
]

/** Query parameters of create (POST) and replace (PUT) operations. */
export const WRITE_PARAMS: JsonObject[] = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION]

/** Query parameters of PATCH operations: the write parameters plus `force` for server-side apply. */
export const PATCH_PARAMS: JsonObject[] = [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE]

/** Query parameters of DELETE operations. */
export const DELETE_PARAMS: JsonObject[] = [
  DRY_RUN,
  query(
    'gracePeriodSeconds',
    'integer',
    'The duration in seconds before the object should be deleted.'
  ),
  query('orphanDependents', 'boolean', 'Deprecated: please use the PropagationPolicy.'),
  query(
    'propagationPolicy',
    'string',
    "Whether and how garbage collection will be performed: 'Orphan', 'Background' or 'Foreground'."
  ),
]
