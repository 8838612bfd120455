// The kubelet's taint and toleration checks are the core/v1 helpers every component shares.
export {
  nodeTaints,
  podTolerations,
  toleratesTaint,
  untoleratedTaints,
  type Taint,
  type Toleration,
} from '../api/scheduling/index.js'
