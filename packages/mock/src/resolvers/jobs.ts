import { DEFAULT_RIG, defaultOutputs, type OutputType, RIGS } from '../catalog';
import { badRequest } from '../errors';
import { newRun } from '../lifecycle';
import type { PageArgs } from '../pagination';
import type { ClipWindow, JobOptions, JobRecord } from '../store';
import { applyUpdate, checkName, mine, type NameAndMetadata, newOwned } from './common';
import type { ResolverContext, RootResolver } from './context';
import { checkOutputs, checkWindow, failureReason } from './inputs';
import { createOutputFiles } from './outputs';
import { jobView } from './views';

interface CreateJobArgs extends NameAndMetadata {
  takeId: string;
  outputs?: (OutputType | null)[] | null;
  options?: JobOptions | null;
  clipWindow?: ClipWindow | null;
  numberOfActors?: number | null;
  rig?: string | null;
}

const MAX_ACTORS = 10;

function checkMocapModel(options: JobOptions | null | undefined, allowed: string[], kind: string): void {
  const model = options?.mocapModel;
  if (model && !allowed.includes(model)) {
    throw badRequest(`options.mocapModel ${model} is not a ${kind} model: use ${allowed.join(' or ')}.`);
  }
}

function createJob(ctx: ResolverContext, args: CreateJobArgs, multiCam: boolean) {
  checkName(args.name);
  const take = mine(ctx, ctx.engine.store.takes, args.takeId);
  const takeType = multiCam ? 'MULTI_CAM' : 'SINGLE_CAM';
  if (take.takeType !== takeType) {
    const use = multiCam ? 'createSingleCamJob' : 'createMultiCamJob';
    throw badRequest(`Take '${take.id}' is a ${take.takeType} take: use ${use}.`);
  }
  const outputs = checkOutputs(args.outputs, defaultOutputs(!multiCam));
  if (multiCam && outputs.includes('RENDER_OVERLAY_VIDEO')) {
    throw badRequest('RENDER_OVERLAY_VIDEO is only made for single-camera jobs.');
  }
  checkMocapModel(args.options, multiCam ? ['M1', 'M2'] : ['S1', 'S2'], multiCam ? 'multi-camera' : 'single-camera');
  const clipWindow = checkWindow('clipWindow', args.clipWindow);
  let rig: string | null = null;
  let numberOfActors: number | null = null;
  if (multiCam) {
    // An empty rig is the Python SDK's default; Move uses its default rig then.
    rig = args.rig || DEFAULT_RIG;
    if (!(RIGS as readonly string[]).includes(rig)) throw badRequest(`rig '${rig}' is unknown: see listRigs.`);
    numberOfActors = args.numberOfActors ?? 1;
    if (numberOfActors < 1 || numberOfActors > MAX_ACTORS) {
      throw badRequest(`numberOfActors must be between 1 and ${MAX_ACTORS} (got ${numberOfActors}).`);
    }
  }
  const id = ctx.engine.newId('job');
  const job: JobRecord = {
    ...newOwned(ctx, id, args),
    takeId: take.id,
    takeType,
    outputFileIds: createOutputFiles(ctx, id, outputs),
    options: args.options ?? null,
    clipWindow,
    numberOfActors,
    rig,
    run: newRun(ctx.now, ctx.engine.options.jobDurationMs, failureReason(ctx, take.sources, args.metadata ?? null)),
    noticed: 'none',
  };
  ctx.engine.addJob(job);
  return jobView(ctx, job);
}

export const jobResolvers: Record<string, RootResolver> = {
  getJob: (args, ctx) => jobView(ctx, mine(ctx, ctx.engine.store.jobs, args.jobId)),

  listJobs: (args, ctx) => {
    const takeId = args.takeId as string | null | undefined;
    const jobs = [...ctx.engine.store.jobs.values()].filter(
      (job) => job.clientId === ctx.client.id && (takeId == null || job.takeId === takeId),
    );
    const page = ctx.engine.paginator.page(jobs, args as PageArgs, `listJobs:${takeId ?? '*'}`);
    return { ...page, items: page.items.map((job) => jobView(ctx, job)) };
  },

  createSingleCamJob: (args, ctx) => createJob(ctx, args as unknown as CreateJobArgs, false),
  createMultiCamJob: (args, ctx) => createJob(ctx, args as unknown as CreateJobArgs, true),

  updateJob: (args, ctx) => {
    const job = mine(ctx, ctx.engine.store.jobs, args.id);
    checkName(args.name as string | null | undefined);
    applyUpdate(job, args as NameAndMetadata);
    return jobView(ctx, job);
  },
};
