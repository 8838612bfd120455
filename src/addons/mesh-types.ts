/** The mesh's report types as the add-ons read them (one import point for the mesh folder). */
export type {
  RequestReport,
  ReportSink,
  WorkloadAttrs,
  Reporter,
  ReportBus,
} from '../mesh/index.js'
