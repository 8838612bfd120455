import type { KubeObject } from '../types.js'
import { list, optBool, quantity, rec, str } from './fields.js'
import { ageSince } from './human-duration.js'
import { namedPrinter } from './named-printer.js'
import type { Printer } from './printer.js'
import { ageColumn, column, nameColumn } from './table-columns.js'

const ACCESS_MODES: [string, string][] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
]

/** Returns access modes as `RWO,ROX` in Kubernetes' fixed order, without duplicates. */
function accessModes(modes: unknown[]): string {
  return ACCESS_MODES.filter(([mode]) => modes.includes(mode))
    .map(([, short]) => short)
    .join(',')
}

const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class'

/** Returns the storage class of a PV or PVC: the beta annotation wins over the spec field. */
function storageClassOf(obj: KubeObject): string {
  return obj.metadata.annotations?.[BETA_CLASS] ?? str(obj, 'spec', 'storageClassName')
}

/** Returns the StorageClass and VolumeAttributesClass columns of PVs (`pv`) or PVCs (`pvc`). */
const classColumns = (what: string) => [
  column('StorageClass', 'string', `StorageClass of the ${what}`),
  column('VolumeAttributesClass', 'string', `VolumeAttributesClass of the ${what}`),
]

/** Returns the cells of `classColumns`. */
const classCells = (obj: KubeObject) => [
  storageClassOf(obj),
  str(obj, 'spec', 'volumeAttributesClassName') || '<unset>',
]

/** Returns a phase, or `Terminating` once deletion started. */
const phaseOf = (obj: KubeObject) =>
  obj.metadata.deletionTimestamp ? 'Terminating' : str(obj, 'status', 'phase')

/**
 * Prints persistent volumes: Name, Capacity, Access Modes, Reclaim Policy, Status, Claim,
 * StorageClass, VolumeAttributesClass, Reason, Age; wide VolumeMode.
 */
export const persistentVolumePrinter = namedPrinter({
  columns: [
    column('Capacity', 'string', 'The storage capacity of the volume.'),
    column('Access Modes', 'string', 'The ways the volume can be mounted.'),
    column('Reclaim Policy', 'string', 'What happens to the volume when its claim is released.'),
    column('Status', 'string', 'The phase of the volume.'),
    column('Claim', 'string', 'The claim bound to the volume.'),
    ...classColumns('pv'),
    column('Reason', 'string', 'Why the volume is in its phase.'),
  ],
  cells: (pv) => {
    const ref = rec(pv, 'spec', 'claimRef')
    const claim = ref ? `${str(ref, 'namespace')}/${str(ref, 'name')}` : ''
    return [
      quantity(pv, 'spec', 'capacity', 'storage') ?? '0',
      accessModes(list(pv, 'spec', 'accessModes')),
      // The API server defaults the reclaim policy to Retain.
      str(pv, 'spec', 'persistentVolumeReclaimPolicy') || 'Retain',
      phaseOf(pv),
      claim,
      ...classCells(pv),
      str(pv, 'status', 'reason'),
    ]
  },
  tail: [
    column('VolumeMode', 'string', 'Whether the volume is a filesystem or a raw block device.', {
      priority: 1,
    }),
  ],
  tailCells: (pv) => [volumeMode(pv)],
})

/** Returns spec.volumeMode, `<unset>` when absent. */
const volumeMode = (obj: KubeObject) => str(obj, 'spec', 'volumeMode') || '<unset>'

/**
 * Prints persistent volume claims: Name, Status, Volume, Capacity, Access Modes, StorageClass,
 * VolumeAttributesClass, Age; wide VolumeMode.
 */
export const persistentVolumeClaimPrinter = namedPrinter({
  columns: [
    column('Status', 'string', 'The phase of the claim.'),
    column('Volume', 'string', 'The volume bound to the claim.'),
    column('Capacity', 'string', 'The capacity of the bound volume.'),
    column('Access Modes', 'string', 'The access modes of the bound volume.'),
    ...classColumns('pvc'),
  ],
  cells: (pvc) => {
    const volume = str(pvc, 'spec', 'volumeName')
    // Capacity and access modes are only shown once the claim is bound to a volume.
    const bound = volume !== ''
    return [
      phaseOf(pvc),
      volume,
      bound ? (quantity(pvc, 'status', 'capacity', 'storage') ?? '0') : '',
      bound ? accessModes(list(pvc, 'status', 'accessModes')) : '',
      ...classCells(pvc),
    ]
  },
  tail: [
    column(
      'VolumeMode',
      'string',
      'Whether the claim asks for a filesystem or a raw block device.',
      { priority: 1 }
    ),
  ],
  tailCells: (pvc) => [volumeMode(pvc)],
})

const DEFAULT_CLASS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
]

/**
 * Prints storage classes: Name (with ` (default)`), Provisioner, ReclaimPolicy,
 * VolumeBindingMode, AllowVolumeExpansion, Age.
 */
export const storageClassPrinter: Printer = {
  columns: [
    nameColumn(),
    column('Provisioner', 'string', 'The volume plugin that provisions volumes of the class.'),
    column('ReclaimPolicy', 'string', 'The reclaim policy of volumes of the class.'),
    column('VolumeBindingMode', 'string', 'When volumes of the class are bound and provisioned.'),
    column('AllowVolumeExpansion', 'string', 'Whether volumes of the class can be expanded.'),
    ageColumn(),
  ],
  cells: (sc, ctx) => {
    const isDefault = DEFAULT_CLASS.some((a) => sc.metadata.annotations?.[a] === 'true')
    return [
      (sc.metadata.name ?? '') + (isDefault ? ' (default)' : ''),
      str(sc, 'provisioner'),
      str(sc, 'reclaimPolicy') || 'Delete',
      str(sc, 'volumeBindingMode') || 'Immediate',
      optBool(sc, 'allowVolumeExpansion') ?? false,
      ageSince(sc.metadata.creationTimestamp, ctx.now),
    ]
  },
}
