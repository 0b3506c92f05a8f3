// `move-ugc view <job-id | folder>`: the capture in a browser, the animation beside its video. A job's
// viewable outputs are downloaded first (journalled like `jobs download`, into a cache folder unless
// --out); a folder is shown as it is. The page is packages/viewer, served from this process.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { downloadJobOutputs } from '@move-ugc/core';
import { directorySink } from '@move-ugc/core/node';
import { parse, parseId } from '../args';
import { UsageError } from '../errors';
import { EXIT } from '../exit-codes';
import { showHelp } from '../help';
import type { Io } from '../output/io';
import { parseWaitFlags } from '../run-flags';
import { VIEW } from '../spec/commands';
import { scanFolder, VIEWABLE_FORMATS, viewableFiles } from '../view/capture';
import { parsePort, serveCapture } from '../view/serve';
import { checkStateDir, commandLine, openSession, withProgress } from '../workflow';

export async function view(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parse('view', argv, VIEW.options, 1);
  if (values.help) return showHelp('view', io);
  const target = positionals[0];
  if (target === undefined || target.trim() === '') {
    throw new UsageError('Give a job id or an output folder: move-ugc view <job-id | folder>.', 'view');
  }
  const port = parsePort(values.port, 'view');
  const open = !values['no-open'];
  const stats = statSync(resolve(target), { throwIfNoEntry: false });

  if (stats?.isDirectory()) {
    if (values.out !== undefined) {
      throw new UsageError("--out is where a job's outputs are downloaded; a folder is shown as it is.", 'view');
    }
    const folder = resolve(target);
    await serveCapture(io, { folder, files: scanFolder(folder), source: 'folder', job: null, port, open });
    return EXIT.ok;
  }
  if (stats) {
    throw new UsageError(
      `${target} is a file: give the folder it is in (move-ugc view ${dirname(target)}), or a job id.`,
      'view',
    );
  }
  if (/[\\/]/.test(target) || target.startsWith('.')) {
    throw new UsageError(`There is no folder ${resolve(target)}; give an output folder or a job id (job-…).`, 'view');
  }

  const jobId = parseId(target, 'job', 'view');
  const waiting = parseWaitFlags(values);
  const folder = values.out === undefined ? cacheFolder(io.env, jobId) : resolve(values.out);
  await checkStateDir(io);
  const session = await openSession(values, io);
  const job = await session.ugc.jobs.retrieve(jobId, { expand: ['take', 'outputs'] }, { signal: session.signal });
  const result = await withProgress(session, io, commandLine(['view'], argv), (progress) => {
    progress.follow(jobId);
    return downloadJobOutputs(jobId, {
      ...session.workflow,
      fresh: false,
      ifRunning: 'wait',
      onEvent: progress.handle,
      // The cache folder is this command's own: what is there is replaced.
      sink: directorySink(folder, { overwrite: values.out === undefined || values.overwrite === true }),
      formats: VIEWABLE_FORMATS,
      // Files named after the job's name, as `run` names them, when it has one.
      outputBaseName: job.name ?? jobId,
      ...waiting,
    });
  });
  session.release();
  await serveCapture(io, {
    folder,
    files: viewableFiles(result.outputs),
    source: 'job',
    job: {
      id: job.id,
      state: result.state,
      takeId: job.take?.id ?? (result.takeId || null),
      created: job.created ?? null,
      name: job.name ?? null,
    },
    port,
    open,
  });
  return EXIT.ok;
}

/** `$XDG_CACHE_HOME/move-ugc/view/<job-id>`, else `~/.cache/move-ugc/view/<job-id>`. */
export function cacheFolder(env: NodeJS.ProcessEnv, jobId: string): string {
  const base =
    env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(env.HOME || homedir(), '.cache');
  return join(base, 'move-ugc', 'view', jobId);
}
