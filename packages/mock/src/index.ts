export type { OutputType, SourceFormat } from './catalog';
export { CAMERA_LENSES, DEFAULT_RIG, defaultOutputs, OUTPUT_KINDS, RIGS } from './catalog';
export { NOT_FOUND_MESSAGE } from './errors';
export type { AppliedFault, FaultKind, FaultPlan, FaultSettings, FaultTarget, ScheduledFault } from './faults';
export { HOSTILE_PREFIX, HOSTILE_SUFFIX } from './faults';
export { UNAUTHORIZED_BODY } from './graphql';
export type { SimBody, SimRequest, SimResponse } from './http';
export type { RunState } from './lifecycle';
export { handlers } from './msw';
export { DEFAULT_API_KEY, DEFAULT_BASE_URL, MIN_API_KEY_LENGTH, type SimulatorOptions } from './options';
export type { AuditOptions } from './request-audit';
export type { RequestKind, RequestRecord } from './request-log';
export { MOCK_FAIL_KEY } from './resolvers/inputs';
export { type RunningServer, type ServerOptions, startServer } from './server';
export {
  type ClientInfo,
  createSimulator,
  type FileInfo,
  type JobInfo,
  type OutputInfo,
  Simulator,
  type TakeInfo,
  type VolumeInfo,
  type WebhookEndpointInfo,
} from './simulator';
export { expectedOutputBytes, outputChecksum, outputChunks, PRESIGNED_QUERY, sampleVideo } from './test-utils';
export {
  generateWebhookSecret,
  signWebhookPayload,
  WEBHOOK_EVENTS,
  type WebhookAttempt,
  type WebhookDelivery,
} from './webhooks';
