// The tools of `move-ugc mcp`, each a thin call into core or the SDK with the CLI's session: the
// schemas only parse the assistant's arguments (core checks them, as for every face), and the
// results are what `move-ugc … --json` prints, scrubbed of secrets.
import { homedir } from 'node:os';
import { resolve } from 'node:path';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import {
  downloadJobOutputs,
  formatBytes,
  type RunOptions,
  type RunState,
  runSingleCam,
  waitForJob,
} from '@move-ugc/core';
import { directorySink, fileSource } from '@move-ugc/core/node';
import { MoveAbortError } from '@move-ugc/sdk';
import * as z from 'zod';
import { type OutputEntry, outputEntries } from '../output/outputs';
import { checkStateDir, type Session } from '../workflow';
import { FOLLOW_WEIGHTS, type Progress, progress, RUN_WEIGHTS, type Weights } from './progress';
import { ok, type ToolResult, toolError } from './results';
import type { ServerContext } from './server';

/** Reads: no credits, nothing changed, the same answer again. */
const READ: ToolAnnotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true };

const OUTPUT_TYPES =
  'MAIN_FBX, MAIN_GLB, MAIN_USDC, MAIN_USDZ, MAIN_BLEND, ALL_FBX, ALL_GLB, ALL_USDC, ALL_USDZ, ALL_BLEND, ALL_BVH, ' +
  'ALL_C3D, RENDER_VIDEO, RENDER_OVERLAY_VIDEO, MOTION_DATA, SYNC_DATA';

const jobId = z.string().min(1).describe('The job id, e.g. job-2be2463e-ffa3-419b-beb4-ea0f99c79512');
const outputDir = z
  .string()
  .optional()
  .describe("Folder for the output files (default ./outputs, against the server's working directory)");
const timeoutSeconds = z
  .number()
  .positive()
  .optional()
  .describe('Give up waiting after this many seconds (default 2 hours); the job goes on and can be waited for again');
const pollIntervalSeconds = z
  .number()
  .positive()
  .optional()
  .describe('Ask Move every this many seconds (default: adapts, 2 s growing to 30 s)');
const page = {
  first: z.number().int().optional().describe('Items in this page (Move default 50, at most 1000)'),
  after: z.string().optional().describe('The `after` cursor of the previous page, for the next one'),
};

const OUTPUT = z.object({
  fileName: z.string(),
  format: z.string(),
  bytes: z.number().nullable(),
  path: z.string().nullable().describe('Where the file was saved'),
});
const SAVED = {
  jobId: z.string(),
  takeId: z.string(),
  state: z.string().describe('FINISHED, or the state of a job not waited for (NOT_STARTED, RUNNING)'),
  outputDir: z.string().nullable(),
  outputs: z.array(OUTPUT),
};
const RECORD = z.looseObject({ id: z.string() });
const PAGE_RESULT = { items: z.array(RECORD), after: z.string().nullable().describe('Cursor of the next page') };
const LIST_RESULT = { items: z.array(z.looseObject({})) };

/** One tool call: its abort signal, its progress (when the client asked), the session. */
interface Call {
  signal: AbortSignal;
  session(): Promise<Session>;
  progress(weights: Weights, start?: Partial<RunState>): Progress;
  /** Scrubbed result: the structured document and, when given, its short text. */
  ok(structured: Record<string, unknown>, text?: string): ToolResult;
}

type Extra = {
  signal: AbortSignal;
  _meta?: { progressToken?: string | number };
  sendNotification: (notification: {
    method: 'notifications/progress';
    params: { progressToken: string | number; progress: number; total: number; message: string };
  }) => Promise<void>;
};

/** Registers every tool; returns the set of calls in flight (for a clean stop). */
export function registerTools(server: McpServer, context: ServerContext): Set<Promise<unknown>> {
  const inFlight = new Set<Promise<unknown>>();

  /** Runs a tool's work: errors become tool errors, a cancelled call stops and keeps its journal. */
  const handle = (name: string, extra: Extra, work: (call: Call) => Promise<ToolResult>): Promise<ToolResult> => {
    const signal = AbortSignal.any([extra.signal, context.shutdown]);
    let current: Progress | undefined;
    const call: Call = {
      signal,
      session: context.session,
      progress: (weights, start) => {
        current = progress(
          {
            progressToken: extra._meta?.progressToken,
            send: (params) => extra.sendNotification({ method: 'notifications/progress', params }),
          },
          weights,
          start,
        );
        return current;
      },
      ok: (structured, text) => ok(structured, text, context.secrets()),
    };
    const running = (async () => {
      try {
        const result = await work(call);
        await current?.flush();
        return result;
      } catch (err) {
        current?.stop();
        if (signal.aborted) {
          context.log(`${name}: cancelled; what was done is journalled, the same call resumes`);
          return toolError(new MoveAbortError('Cancelled. Finished steps are kept: the same call resumes.'), []);
        }
        const result = toolError(err, context.secrets());
        context.log(`${name}: ${result.content[0]!.text.split('\n')[0]}`);
        return result;
      }
    })();
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
    return running;
  };

  server.registerTool(
    'process_video',
    {
      title: 'Process a video into motion capture (spends credits)',
      description:
        'SPENDS MOVE CREDITS (once per video and settings). Uploads a single-camera video from this computer, ' +
        'creates a take and a processing job, waits for Move to finish it (minutes), and downloads the outputs ' +
        'into outputDir. Calling it again with the same arguments, after an error, a cancellation or a restart, ' +
        'resumes: nothing is uploaded, paid for or downloaded twice. With wait: false it returns once the job ' +
        'exists; follow it with wait_for_job and download_outputs.',
      inputSchema: {
        video: z
          .string()
          .min(1)
          .describe("Path of the video (.mp4, .mov or .avi) on this computer; relative to the server's directory"),
        move: z.string().optional().describe('Path of the .move sidecar the Move One app saved beside the video'),
        deviceLabel: z.string().optional().describe('Camera name, lowercase-with-hyphens (default iphone)'),
        outputs: z.array(z.string()).optional().describe(`Output types to make (default: Move's): ${OUTPUT_TYPES}`),
        options: z
          .looseObject({
            trackFingers: z.boolean().optional(),
            floorPlane: z.boolean().optional(),
            trackBall: z.boolean().optional(),
            trackJerseyNumbers: z.boolean().optional(),
            mocapModel: z.string().optional().describe('S1 or S2 (single camera)'),
          })
          .optional()
          .describe('Processing options, e.g. { "trackFingers": true, "mocapModel": "S2" }'),
        clipWindow: z
          .object({ startTime: z.number(), endTime: z.number() })
          .optional()
          .describe('Process only this part of the video, in seconds'),
        name: z.string().optional().describe('Job name; also the base of the output file names'),
        metadata: z.record(z.string(), z.unknown()).optional().describe('Your own labels, a JSON object'),
        outputDir,
        wait: z.boolean().optional().describe('Wait for the job and download its outputs (default true)'),
        idempotencyKey: z
          .string()
          .optional()
          .describe('Reuse the job of any earlier call with this key instead of paying again'),
        timeoutSeconds,
        pollIntervalSeconds,
      },
      outputSchema: {
        ...SAVED,
        resumed: z.boolean().describe('An earlier, unfinished call of the same arguments was continued'),
        reused: z.boolean().describe('A job made earlier with the same idempotencyKey was returned'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args, extra) =>
      handle('process_video', extra, async (call) => {
        const input = {
          video: await fileSource(localPath(args.video)),
          move: args.move === undefined ? undefined : await fileSource(localPath(args.move)),
          deviceLabel: args.deviceLabel,
          outputs: args.outputs,
          options: args.options as Parameters<typeof runSingleCam>[0]['options'],
          clipWindow: args.clipWindow,
          name: args.name,
          metadata: args.metadata,
          idempotencyKey: args.idempotencyKey,
        };
        const dir = localPath(args.outputDir ?? 'outputs');
        await checkStateDir(context.io);
        const session = await call.session();
        const shown = call.progress(RUN_WEIGHTS);
        const result = await runSingleCam(input, {
          ...runOptions(session, call, dir, shown, args),
          wait: args.wait ?? true,
        });
        const outputs = outputEntries(result.outputs);
        const { jobId: id, state, resumed, reused } = result;
        const document = { jobId: id, takeId: result.takeId, state, resumed, reused, outputDir: null, outputs };
        if (outputs.length === 0) {
          return call.ok(
            document,
            `Job ${id} is ${state}${again(resumed, reused)}. Follow it with wait_for_job, then download_outputs.`,
          );
        }
        return call.ok({ ...document, outputDir: dir }, savedText(id, state, dir, outputs) + again(resumed, reused));
      }),
  );

  server.registerTool(
    'get_job',
    {
      title: 'Get a job',
      description: 'Reads a job: its state, percentage, settings and (with expand) outputs. Costs nothing.',
      inputSchema: {
        jobId,
        expand: z
          .array(z.enum(['outputs', 'inputs', 'take', 'rig', 'client']))
          .optional()
          .describe('Also fetch these (default: outputs); download URLs are left out'),
      },
      outputSchema: { job: RECORD },
      annotations: READ,
    },
    (args, extra) =>
      handle('get_job', extra, async (call) => {
        const session = await call.session();
        const job = await session.ugc.jobs.retrieve(
          args.jobId,
          { expand: args.expand ?? ['outputs'] },
          { signal: call.signal },
        );
        return call.ok({ job });
      }),
  );

  server.registerTool(
    'list_jobs',
    {
      title: 'List jobs',
      description: 'Lists jobs, newest first, one page at a time (first/after). Costs nothing.',
      inputSchema: { ...page, takeId: z.string().optional().describe('Only the jobs of this take') },
      outputSchema: PAGE_RESULT,
      annotations: READ,
    },
    (args, extra) =>
      handle('list_jobs', extra, async (call) => {
        const session = await call.session();
        const { items, after } = await session.ugc.jobs.list(
          { takeId: args.takeId, first: args.first, after: args.after, sortDirection: 'DESC' },
          { signal: call.signal },
        );
        return call.ok({ items, after });
      }),
  );

  server.registerTool(
    'wait_for_job',
    {
      title: 'Wait for a job',
      description:
        'Waits until a job has FINISHED (its outputs ready) and returns it; a FAILED job is an error. Sends ' +
        'progress while waiting; cancelling stops the waiting only, not the job. Costs nothing.',
      inputSchema: { jobId, timeoutSeconds, pollIntervalSeconds },
      outputSchema: { job: RECORD },
      annotations: READ,
    },
    (args, extra) =>
      handle('wait_for_job', extra, async (call) => {
        const session = await call.session();
        const shown = call.progress(FOLLOW_WEIGHTS, { phase: 'job', jobId: args.jobId, activity: 'waiting' });
        const job = await waitForJob(args.jobId, {
          ...session.workflow,
          signal: call.signal,
          onEvent: shown.onEvent,
          timeoutMs: seconds(args.timeoutSeconds),
          pollIntervalMs: seconds(args.pollIntervalSeconds),
        });
        const formats = (job.outputs ?? []).flatMap((output) => (output ? [output.format] : []));
        return call.ok(
          { job },
          `Job ${job.id} FINISHED with ${formats.length} output(s): ${formats.join(', ')}. ` +
            'Save them with download_outputs.',
        );
      }),
  );

  server.registerTool(
    'download_outputs',
    {
      title: "Download a job's outputs",
      description:
        'Waits for a job if it still runs, then downloads every output into outputDir (files already there that this server did not write are never replaced). Calling it again resumes a cut download and fetches nothing twice. Costs nothing.',
      inputSchema: { jobId, outputDir, timeoutSeconds, pollIntervalSeconds },
      outputSchema: SAVED,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    (args, extra) =>
      handle('download_outputs', extra, async (call) => {
        const dir = localPath(args.outputDir ?? 'outputs');
        await checkStateDir(context.io);
        const session = await call.session();
        const shown = call.progress(FOLLOW_WEIGHTS, { phase: 'job', jobId: args.jobId, activity: 'waiting' });
        const result = await downloadJobOutputs(args.jobId, runOptions(session, call, dir, shown, args));
        const outputs = outputEntries(result.outputs);
        return call.ok(
          { jobId: args.jobId, takeId: result.takeId, state: result.state, outputDir: dir, outputs },
          savedText(args.jobId, result.state, dir, outputs),
        );
      }),
  );

  server.registerTool(
    'list_takes',
    {
      title: 'List takes',
      description: 'Lists takes (uploaded recordings), newest first, one page at a time. Costs nothing.',
      inputSchema: page,
      outputSchema: PAGE_RESULT,
      annotations: READ,
    },
    (args, extra) =>
      handle('list_takes', extra, async (call) => {
        const session = await call.session();
        const { items, after } = await session.ugc.takes.list(
          { first: args.first, after: args.after, sortDirection: 'DESC' },
          { signal: call.signal },
        );
        return call.ok({ items, after });
      }),
  );

  server.registerTool(
    'get_take',
    {
      title: 'Get a take',
      description: 'Reads a take: its sources, type and labels. Costs nothing.',
      inputSchema: {
        takeId: z.string().min(1).describe('The take id, e.g. take-5d1c0a52-8f0e-4f57-a1f6-2f7c2d1e9b30'),
        expand: z
          .array(z.enum(['sources', 'client', 'volume']))
          .optional()
          .describe('Also fetch these (default: sources); download URLs are left out'),
      },
      outputSchema: { take: RECORD },
      annotations: READ,
    },
    (args, extra) =>
      handle('get_take', extra, async (call) => {
        const session = await call.session();
        const take = await session.ugc.takes.retrieve(
          args.takeId,
          { expand: args.expand ?? ['sources'] },
          { signal: call.signal },
        );
        return call.ok({ take });
      }),
  );

  server.registerTool(
    'list_rigs',
    {
      title: 'List rigs',
      description: 'Lists the rigs a multi-camera job can be retargeted to. Costs nothing.',
      inputSchema: {},
      outputSchema: LIST_RESULT,
      annotations: READ,
    },
    (_args, extra) =>
      handle('list_rigs', extra, async (call) => {
        const session = await call.session();
        return call.ok({ items: await session.ugc.rigs.list({ signal: call.signal }) });
      }),
  );

  server.registerTool(
    'list_camera_settings',
    {
      title: 'List camera lenses',
      description: 'Lists the camera lenses Move knows, for multi-camera sources. Costs nothing.',
      inputSchema: {},
      outputSchema: LIST_RESULT,
      annotations: READ,
    },
    (_args, extra) =>
      handle('list_camera_settings', extra, async (call) => {
        const session = await call.session();
        return call.ok({ items: await session.ugc.cameraSettings.list({ signal: call.signal }) });
      }),
  );

  return inFlight;
}

/** A path as the assistant gave it: `~/` is the home folder, a relative one is against the server's cwd. */
function localPath(path: string): string {
  return resolve(path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path);
}

function seconds(value: number | undefined): number | undefined {
  return value === undefined ? undefined : Math.round(value * 1000);
}

/** What a run or a download is given: the session's means, this call's signal and progress. */
function runOptions(
  session: Session,
  call: Call,
  dir: string,
  shown: Progress,
  args: { timeoutSeconds?: number; pollIntervalSeconds?: number },
): RunOptions {
  return {
    ...session.workflow,
    signal: call.signal,
    onEvent: shown.onEvent,
    sink: directorySink(dir),
    fresh: false,
    ifRunning: 'wait',
    timeoutMs: seconds(args.timeoutSeconds),
    pollIntervalMs: seconds(args.pollIntervalSeconds),
  };
}

function again(resumed: boolean, reused: boolean): string {
  if (reused) return ' (reused: a job made earlier with this idempotencyKey, not paid for again)';
  return resumed ? ' (resumed an earlier call: nothing paid for twice)' : '';
}

function savedText(id: string, state: string, dir: string, outputs: OutputEntry[]): string {
  const lines = outputs.map((o) => `- ${o.fileName} (${o.format}, ${formatBytes(o.bytes ?? 0)})`);
  return `Job ${id} ${state}: ${outputs.length} output(s) saved in ${dir}\n${lines.join('\n')}`;
}
