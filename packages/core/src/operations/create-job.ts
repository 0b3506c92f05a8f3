// Create a job for a take that already exists, exactly once. The take says which kind of job it
// needs (single- or multi-camera), so the settings are checked against it before anything is paid
// for; an idempotency key reuses a job an earlier run made; a lost answer is reconciled through the
// client token, and the journal lets the same request, sent again, find the job it already made.
import type { Job } from '@move-ugc/sdk';
import { checkRig } from '../steps/catalogues';
import { createContext, type WorkflowOptions } from '../steps/context';
import { intentKey } from '../steps/intent';
import { ensureJob, ensureMultiCamJob, ensureSingleCamJob, type JobSettings } from '../steps/job-once';
import { openRunJournal, type RunJournalOptions, withRunJournal } from '../steps/run-journal';
import {
  type CameraSetup,
  checkClipWindow,
  checkMetadata,
  checkNumberOfActors,
  checkOptions,
  checkOutputs,
  checkOutputsFit,
  checkSetupOnly,
  checkText,
} from '../validate';

export interface CreateJobInput extends JobSettings {
  takeId: string;
  /** Multi-camera takes only: how many people to track (Move's default is 1). */
  numberOfActors?: number;
  /** Multi-camera takes only: a rig from `ugc.rigs.list()`; Move uses `move_mo` when left out. */
  rig?: string;
}

export interface CreateJobOptions extends WorkflowOptions, RunJournalOptions {}

export interface CreatedJob {
  job: Job<'take'>;
  /** The take's camera set-up, which decided the kind of job. */
  setup: CameraSetup;
  /** The job was made by an earlier call with the same request (found in the journal or by its token). */
  resumed: boolean;
  /** The job was made earlier with the same idempotency key, and reused instead of paying again. */
  reused: boolean;
}

export async function createJob(input: CreateJobInput, options: CreateJobOptions): Promise<CreatedJob> {
  const ctx = createContext(options);
  const checked = {
    takeId: input.takeId,
    outputs: checkOutputs(input.outputs),
    clipWindow: checkClipWindow(input.clipWindow),
    name: checkText(input.name, 'name', 256),
    metadata: checkMetadata(input.metadata),
    idempotencyKey: checkText(input.idempotencyKey, 'idempotencyKey', 200),
    numberOfActors: checkNumberOfActors(input.numberOfActors),
    rig: checkText(input.rig, 'rig', 100),
  };
  const take = await ctx.ugc.takes.retrieve(checked.takeId, {}, { signal: ctx.signal });
  const setup: CameraSetup = take.takeType === 'MULTI_CAM' ? 'multi' : 'single';
  const jobOptions = checkOptions(input.options, setup);
  checkOutputsFit(checked.outputs, setup);
  checkSetupOnly({ numberOfActors: checked.numberOfActors, rig: checked.rig }, 'multi', setup, checked.takeId);
  await checkRig(ctx, checked.rig);

  const request = { ...checked, options: jobOptions };
  const intent = await intentKey('job', { ...request, outputs: request.outputs && [...request.outputs].sort() });
  const journal = await openRunJournal(ctx, 'job', intent, options);
  return withRunJournal(ctx, journal, async () => {
    const { jobId, resumed, reused } = await ensureJob(ctx, journal, request.idempotencyKey, () =>
      setup === 'multi' ? ensureMultiCamJob(ctx, journal, request) : ensureSingleCamJob(ctx, journal, request),
    );
    const job = await ctx.ugc.jobs.retrieve(jobId, { expand: ['take'] }, { signal: ctx.signal });
    return { job, setup, resumed, reused };
  });
}
