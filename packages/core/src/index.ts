// @move-ugc/core: the Move UGC workflow, platform-neutral. Node pieces: `@move-ugc/core/node`.

export {
  type BatchEvent,
  type BatchItem,
  type BatchItemResult,
  type BatchOptions,
  type BatchResult,
  DEFAULT_BATCH_CONCURRENCY,
  type InvalidBatchItem,
  MoveBatchValidationError,
  runBatch,
} from './batch';
export { type Context, createContext, type WorkflowOptions } from './context';
export { type DownloadedOutput, type DownloadOptions, downloadOutputs } from './download';
export {
  MoveFileSystemError,
  MoveJobFailedError,
  MoveOutputConflictError,
  MoveTransferError,
  MoveVolumeFailedError,
  MoveVolumeWaitTimeoutError,
  MoveWaitTimeoutError,
} from './errors';
export type { EventListener, RetryPhase, RunEvent, SourceRole } from './events';
export { downloadJobOutputs, type FinishedJob, type RunOptions, type RunOutput } from './finish-job';
export {
  adoptJobByIdempotencyKey,
  ensureMultiCamJob,
  ensureSingleCamJob,
  findJobByIdempotencyKey,
  findJobByToken,
  type JobSettings,
} from './job-once';
export {
  Journal,
  type JournalLock,
  type JournalStore,
  memoryJournal,
  type OutputRecord,
  type RunRecord,
  type UploadRecord,
} from './journal';
export { MAX_OUTPUT_NAME_BYTES, type NamedOutput, outputFileNames, plannedFileNames, safeName } from './outputs';
export {
  MoveRunLockedError,
  MoveStaleJournalError,
  openRunJournal,
  type RunJournalOptions,
  withRunJournal,
} from './run-journal';
export {
  type CameraInput,
  type CheckedMultiCamInput,
  checkMultiCamInput,
  type MultiCamInput,
  type MultiCamResult,
  type MultiCamRunOptions,
  type MultiCamTakeInput,
  multiCamIntent,
  runMultiCam,
  type VolumeInput,
} from './run-multi-cam';
export {
  type CheckedSingleCamInput,
  checkSingleCamInput,
  runSingleCam,
  type SingleCamInput,
  type SingleCamResult,
  type SingleCamRunOptions,
  singleCamIntent,
} from './run-single-cam';
export { callbackSink, type OutputPlan, type OutputSink, type OutputTarget, type SavedOutput } from './sinks';
export { describeContent, sniffVideo, type VideoContainer } from './sniff';
export { blobSource, bytesSource, streamSource, toAsyncIterable, type UploadBody, type UploadSource } from './sources';
export {
  fetchTransfer,
  type GetOptions,
  type GetResult,
  isLendingBody,
  type LendingBody,
  type PutOptions,
  type PutResult,
  type TransferAgent,
} from './transfer';
export { uploadSource } from './upload';
export * from './validate';
export { ensureVolume, pollVolume, waitForVolume } from './volume';
export {
  normalizeState,
  OUTAGE_LIMIT_MS,
  type PollSubject,
  pollJob,
  pollOutputs,
  pollUntilFinished,
  type WaitedJob,
  type WaitOptions,
  waitForJob,
} from './wait';
