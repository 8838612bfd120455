import { apiVersionOf, type GroupVersionKind, type JsonObject } from '../../api/types.js'
import { definitionName, META_SCHEMAS, schemaRef } from './names.js'

// The lab publishes permissive schemas only: a kind is an object with apiVersion, kind and
// metadata, and every other field is allowed (`x-kubernetes-preserve-unknown-fields`). Strict
// schemas would make a client that validates on its side reject real manifests the sim accepts.

function gvkExtension(gvk: GroupVersionKind): JsonObject[] {
  return [{ group: gvk.group, kind: gvk.kind, version: gvk.version }]
}

function typeMetaProperties(gvk: GroupVersionKind): JsonObject {
  return {
    apiVersion: {
      type: 'string',
      description: `APIVersion defines the versioned schema of this representation of an object (${apiVersionOf(gvk.group, gvk.version)}).`,
    },
    kind: {
      type: 'string',
      description: `Kind is a string value representing the REST resource (${gvk.kind}).`,
    },
  }
}

/** Returns the permissive schema of a kind, tagged with its group/version/kind. */
export function kindSchema(gvk: GroupVersionKind): JsonObject {
  return {
    type: 'object',
    description: `${gvk.kind} (${apiVersionOf(gvk.group, gvk.version)}). Fields other than apiVersion, kind and metadata are not described.`,
    properties: { ...typeMetaProperties(gvk), metadata: schemaRef(META_SCHEMAS.objectMeta) },
    'x-kubernetes-preserve-unknown-fields': true,
    'x-kubernetes-group-version-kind': gvkExtension(gvk),
  }
}

/** Returns the schema of a kind's list (`PodList`), whose items are the kind. */
export function listSchema(item: GroupVersionKind): JsonObject {
  const gvk = { ...item, kind: `${item.kind}List` }
  return {
    type: 'object',
    description: `${gvk.kind} is a list of ${item.kind}.`,
    required: ['items'],
    properties: {
      ...typeMetaProperties(gvk),
      items: { type: 'array', items: schemaRef(definitionName(item)) },
      metadata: schemaRef(META_SCHEMAS.listMeta),
    },
    'x-kubernetes-group-version-kind': gvkExtension(gvk),
  }
}

function openObject(description: string): JsonObject {
  return { type: 'object', description, 'x-kubernetes-preserve-unknown-fields': true }
}

/** Returns the apimachinery schemas (ObjectMeta, ListMeta, Status, DeleteOptions, Patch) by name. */
export function metaSchemas(): Record<string, JsonObject> {
  return {
    [META_SCHEMAS.objectMeta]: openObject(
      'ObjectMeta is metadata that all persisted resources must have.'
    ),
    [META_SCHEMAS.listMeta]: openObject(
      'ListMeta describes metadata that synthetic resources must have.'
    ),
    [META_SCHEMAS.status]: {
      ...openObject('Status is a return value for calls that do not return other objects.'),
      'x-kubernetes-group-version-kind': gvkExtension({ group: '', version: 'v1', kind: 'Status' }),
    },
    [META_SCHEMAS.deleteOptions]: openObject(
      'DeleteOptions may be provided when deleting an API object.'
    ),
    [META_SCHEMAS.patch]: {
      type: 'object',
      description:
        'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
    },
  }
}
