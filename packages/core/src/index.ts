// @move-ugc/core: the Move UGC workflow, platform-neutral. Node pieces: `@move-ugc/core/node`.
//
// By folder: operations/ are one call per API action that creates or costs something, each checked
// before anything is sent and safe to repeat; runs/ chain them (upload, take, job, wait, download)
// and resume from their journal; ports/ are what a platform plugs in (transfers, sources, sinks,
// journal storage); run-state folds events into what a face shows; validate holds the checks a face
// may run early to name its own fields. steps/, the pieces operations and runs are built from, stay
// inside (a few types of theirs are part of the options).

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
export { formatBytes, formatDuration } from './format';
export { type CreatedJob, type CreateJobInput, type CreateJobOptions, createJob } from './operations/create-job';
export {
  type CreatedTake,
  type CreateTakeInput,
  type CreateTakeOptions,
  createTake,
  type MultiCamTakeInput as TakeOfVolumeInput,
  type SingleCamTakeInput,
  type TakeFile,
} from './operations/create-take';
export {
  type CreatedVolume,
  type CreateVolumeInput,
  type CreateVolumeOptions,
  createVolume,
  type VolumeCamera,
} from './operations/create-volume';
export { downloadJobOutputs } from './operations/download-outputs';
export { type UploadedFile, type UploadFileInput, type UploadFileOptions, uploadFile } from './operations/upload-file';
export { waitForJob } from './operations/wait-for-job';
export { waitForVolume } from './operations/wait-for-volume';
export {
  type JournalLock,
  type JournalStore,
  memoryJournal,
  type OutputRecord,
  type RunRecord,
  type UploadRecord,
} from './ports/journal';
export { callbackSink, type OutputPlan, type OutputSink, type OutputTarget, type SavedOutput } from './ports/sinks';
export { blobSource, bytesSource, streamSource, type UploadBody, type UploadSource } from './ports/sources';
export {
  fetchTransfer,
  type GetOptions,
  type GetResult,
  isLendingBody,
  type LendingBody,
  type PutOptions,
  type PutResult,
  type TransferAgent,
} from './ports/transfer';
export { initialRunState, type RunPhase, type RunState, reduceRunEvent } from './run-state';
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
} from './runs/batch';
export { batchItemKey, CONTENT_KEY_PREFIX, contentIdempotencyKey, type JobRecipe } from './runs/content-key';
export {
  type CameraInput,
  type MultiCamInput,
  type MultiCamResult,
  type MultiCamRunOptions,
  type MultiCamTakeInput,
  runMultiCam,
  type VolumeInput,
} from './runs/multi-cam';
export {
  type CheckedSingleCamInput,
  checkSingleCamInput,
  runSingleCam,
  type SingleCamInput,
  type SingleCamResult,
  type SingleCamRunOptions,
} from './runs/single-cam';
export type { FinishedJob, RunOptions, RunOutput } from './runs/skeleton';
export type { WorkflowOptions } from './steps/context';
export type { JobSettings } from './steps/job-once';
export { MoveRunLockedError, MoveStaleJournalError, type RunJournalOptions } from './steps/run-journal';
export { OUTAGE_LIMIT_MS, type WaitedJob, type WaitOptions } from './steps/wait';
export {
  type CameraSetup,
  type ClipWindow,
  checkAreaType,
  checkClipWindow,
  checkDeviceLabel,
  checkHumanHeight,
  checkMetadata,
  checkMocapModel,
  checkOptions,
  checkOutputs,
  checkText,
  MOCAP_MODELS,
  type SyncInput,
} from './validate';
