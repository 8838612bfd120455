/** @module mixer: Mixer 1.0's policy path (denier, listchecker, memquota quotas) as the inbound sidecar calls it. */
export { MixerPolicy, MIXER_CONFIG_NS, type MixerStatus } from './mixer-policy.js'
export { MemQuota } from './memquota.js'
export { compileExpression, evaluate, type AttributeBag } from './expression.js'
export { checkAttributes, type CheckInput } from './attributes.js'
