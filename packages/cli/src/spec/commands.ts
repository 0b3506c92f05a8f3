// Every command and verb of move-ugc, declared once: usage, what it does, its flags with their help
// text, examples, and a loader that imports the command's module only when it runs. The help pages
// (help.ts) and the router (main.ts, router.ts) are made from these; the commands parse with them.
import {
  GLOBAL_OPTIONS,
  JOB_OPTIONS,
  LABEL_OPTIONS,
  LIST_OPTIONS,
  LISTS,
  OUTPUT_OPTIONS,
  SHOW_URLS,
  URLS,
  WAIT_OPTIONS,
} from './options';
import { type CommandDecl, leaf, noun, verb } from './types';

const ID = 'file-2be2463e-ffa3-419b-beb4-ea0f99c79512';
const JOB_ID = 'job-2be2463e-ffa3-419b-beb4-ea0f99c79512';

// ---- Process videos ------------------------------------------------------------------------------

export const RUN = leaf({
  name: 'run',
  section: 'Process videos',
  label: 'run <video>',
  summary: 'upload, process and download one single-camera video',
  forms: [{ usage: '<video> [options]' }],
  description: `Uploads a video, creates a take and a job, waits for Move to process it, and downloads the
outputs. Running the same command again after a crash or Ctrl-C resumes: nothing is uploaded,
created or downloaded twice.`,
  options: {
    move: { type: 'string', value: 'file', description: 'the .move sidecar the Move One app saved beside the video' },
    'device-label': {
      type: 'string',
      value: 'slug',
      default: 'iphone',
      description: 'camera name, lowercase-with-hyphens',
    },
    outputs: JOB_OPTIONS.outputs,
    options: JOB_OPTIONS.options,
    model: JOB_OPTIONS.model,
    clip: JOB_OPTIONS.clip,
    name: { type: 'string', value: 'text', description: 'job name; also the base of output file names' },
    metadata: JOB_OPTIONS.metadata,
    out: OUTPUT_OPTIONS.out,
    overwrite: OUTPUT_OPTIONS.overwrite,
    'no-wait': OUTPUT_OPTIONS['no-wait'],
    timeout: OUTPUT_OPTIONS.timeout,
    'poll-interval': OUTPUT_OPTIONS['poll-interval'],
    'idempotency-key': {
      type: 'string',
      value: 'key',
      description: 'reuse the job of any earlier run with this key instead of paying again',
    },
    concurrency: OUTPUT_OPTIONS.concurrency,
    fresh: OUTPUT_OPTIONS.fresh,
    'fail-if-running': OUTPUT_OPTIONS['fail-if-running'],
    view: {
      type: 'boolean',
      description: 'then show the capture in a browser, as `move-ugc view <out>` does (stop with Ctrl-C)',
    },
  },
  after: [
    `JSON (--json): { jobId, takeId, state, resumed, reused, outputDir,
  outputs: [{ fileName, format, bytes, path }] }; on failure { error: { type, message, exitCode, jobId? } }.
  With --view it also has { url, folder }: the address of the page.`,
  ],
  examples: [
    'move-ugc run clip.mp4',
    'move-ugc run clip.mp4 --move clip.move --outputs MAIN_FBX,RENDER_VIDEO --out ./anim',
    'move-ugc run clip.mp4 --clip 2.5-9 --options trackFingers --model S2 --json',
  ],
  load: async () => (await import('../commands/run')).run,
});

export const BATCH = leaf({
  name: 'batch',
  section: 'Process videos',
  label: 'batch <dir|glob>',
  summary: 'many videos at once',
  forms: [{ usage: '<dir | glob | video | list.csv>... [options]' }],
  description: `Processes many videos at once, each resumable on its own (run the same command again after a
crash or Ctrl-C), and prints a summary table. Exits 1 when any video failed; the others still
finish. A directory gives its .mp4/.mov/.avi files (not subdirectories); a glob in quotes may
recurse with **.`,
  options: {
    concurrency: { ...OUTPUT_OPTIONS.concurrency, description: 'videos processed at once' },
    out: { ...OUTPUT_OPTIONS.out, description: 'outputs go to <dir>/<video name>/' },
    ...JOB_OPTIONS,
    'device-label': RUN.options['device-label'],
    timeout: OUTPUT_OPTIONS.timeout,
    'poll-interval': OUTPUT_OPTIONS['poll-interval'],
    'no-wait': OUTPUT_OPTIONS['no-wait'],
    fresh: OUTPUT_OPTIONS.fresh,
    'fail-if-running': OUTPUT_OPTIONS['fail-if-running'],
    overwrite: OUTPUT_OPTIONS.overwrite,
  },
  sameAs: {
    command: 'run',
    names: [
      'outputs',
      'options',
      'model',
      'device-label',
      'clip',
      'metadata',
      'no-wait',
      'timeout',
      'poll-interval',
      'fresh',
      'fail-if-running',
      'overwrite',
    ],
    suffix: ', for every video',
  },
  after: [
    `A CSV list has a header row naming its columns: video[,move,deviceLabel,outputs,name]; paths are
relative to the CSV, outputs are separated by ; (e.g. MAIN_FBX;RENDER_VIDEO), a name also names
the output directory.`,
    `JSON (--json): { ok, failed, aborted, outputRoot, items: [{ video, state, jobId, takeId,
  outputDir, outputs, error }] }; state is FINISHED, FAILED, TIMED_OUT, INTERRUPTED or ERROR.`,
  ],
  examples: [
    'move-ugc batch ./clips --concurrency 4 --outputs MAIN_FBX',
    'move-ugc batch "shoot/**/*.mp4" -o ./anim',
    'move-ugc batch shots.csv --json > summary.json',
  ],
  load: async () => (await import('../commands/batch')).batch,
});

export const MULTICAM = leaf({
  name: 'multicam',
  section: 'Process videos',
  label: 'multicam ...',
  summary: 'calibrate a volume and process a multi-camera take',
  forms: [{ usage: '--volume-video <file:lens> ... --take-video <file:lens> ... [options]' }],
  description: `Calibrates a multi-camera volume from a clip of a person, then processes a take recorded with the
same cameras, and downloads the outputs. The device label of each camera is its position: cam-1,
cam-2, ... so give the take videos in the same camera order. Running the same command again resumes.`,
  options: {
    'volume-video': {
      type: 'string',
      multiple: true,
      value: 'file:lens',
      description: 'calibration video and its lens (2 or more; see `move-ugc lenses list`)',
    },
    'volume-id': {
      type: 'string',
      value: 'id',
      description: 'reuse a volume made earlier instead of calibrating again',
    },
    'take-video': {
      type: 'string',
      multiple: true,
      value: 'file:lens',
      description: 'a video of the take, one per camera, in the same camera order',
    },
    'human-height': {
      type: 'string',
      value: 'metres',
      description: 'height of the person in the calibration clip, e.g. 1.8',
    },
    area: { type: 'string', value: 'NORMAL|LARGE', default: 'NORMAL', description: 'capture area' },
    clap: { type: 'string', value: 'start-end', description: 'clap window in the calibration videos, in seconds' },
    timecode: { type: 'boolean', description: 'sync by timecode instead of a clap (volume and take)' },
    'take-clap': {
      type: 'string',
      value: 'start-end',
      description: 'clap window in the take videos, when they have one',
    },
    actors: { type: 'string', value: 'n', default: '1', description: 'people in the take' },
    rig: { type: 'string', value: 'name', description: 'rig to retarget to (see `move-ugc rigs list`)' },
    model: { ...JOB_OPTIONS.model, value: 'M1|M2' },
    outputs: JOB_OPTIONS.outputs,
    options: JOB_OPTIONS.options,
    clip: JOB_OPTIONS.clip,
    name: RUN.options.name,
    metadata: JOB_OPTIONS.metadata,
    ...OUTPUT_OPTIONS,
    'idempotency-key': RUN.options['idempotency-key'],
  },
  sameAs: {
    command: 'run',
    names: [
      'outputs',
      'options',
      'clip',
      'name',
      'metadata',
      'out',
      'no-wait',
      'timeout',
      'poll-interval',
      'idempotency-key',
      'concurrency',
      'fresh',
      'fail-if-running',
      'overwrite',
    ],
  },
  after: ['JSON (--json): { volumeId, takeId, jobId, state, resumed, reused, outputDir, outputs }.'],
  examples: [
    `move-ugc multicam --volume-video cam1.mp4:goprohero10-fhd --volume-video cam2.mp4:goprohero10-fhd \\
  --human-height 1.8 --clap 1.0-2.0 --take-video t1.mp4:goprohero10-fhd --take-video t2.mp4:goprohero10-fhd`,
  ],
  load: async () => (await import('../commands/multicam')).multicam,
});

export const VIEW = leaf({
  name: 'view',
  section: 'Process videos',
  label: 'view <job-id|folder>',
  summary: 'see the capture in a browser: the animation beside its video',
  forms: [{ usage: '<job-id | folder> [--out dir] [--no-open] [--port n]' }],
  description: `Shows a capture in the browser: the animated figure (GLB, else FBX) beside the video,
with play, scrub, speed and loop. A job's GLB, FBX and videos are downloaded first (after waiting
for the job if it still runs; run it again to resume, nothing is fetched twice) into --out or a
cache folder; a folder is shown as it is. Served on 127.0.0.1 only, at an address no other page
can guess; stops on Ctrl-C, or on its own once the page is closed.`,
  options: {
    out: {
      type: 'string',
      short: 'o',
      value: 'dir',
      default: '$XDG_CACHE_HOME/move-ugc/view/<job-id>',
      description: "where a job's outputs are downloaded",
    },
    overwrite: OUTPUT_OPTIONS.overwrite,
    'no-open': {
      type: 'boolean',
      description: 'do not open a browser (none is in CI, over SSH, or when stdout is not a terminal)',
    },
    port: { type: 'string', value: 'n', default: 'a free one', description: 'port to listen on, on 127.0.0.1' },
    ...WAIT_OPTIONS,
  },
  after: ['The address is printed on stdout. JSON (--json): { url, folder, jobId }.'],
  examples: [`move-ugc view ${JOB_ID}`, 'move-ugc view ./outputs --no-open --port 8080'],
  load: async () => (await import('../commands/view')).view,
});

// ---- Resources -----------------------------------------------------------------------------------

const EXPAND = (what: string) =>
  ({ type: 'string', value: 'list', description: `also fetch ${what} (comma-separated)` }) as const;

export const FILES_UPLOAD = verb({
  name: 'upload',
  forms: [
    {
      usage: '<path> [--type mp4|mov|avi|move] [--name <name>]',
      summary: 'uploads a file and prints its id (the type is found from the content, .move by extension)',
    },
  ],
  options: {
    type: { type: 'string', value: 'mp4|mov|avi|move', description: 'the file type, when its content does not say' },
    name: { type: 'string', value: 'name', description: 'the file name Move keeps (default: the name on disk)' },
  },
  examples: [
    'move-ugc files upload clip.mp4',
    'move-ugc takes create --video "$(move-ugc files upload clip.mp4 --json | jq -r .id)"',
  ],
  load: async () => (await import('../commands/files')).files.upload,
});

export const FILES_GET = verb({
  name: 'get',
  forms: [
    {
      usage: '<file-id> [--expand client] [--show-urls]',
      summary: 'shows a file; its download URL is redacted unless --show-urls',
    },
  ],
  options: { ...SHOW_URLS, expand: EXPAND('client') },
  notes: [URLS],
  examples: [`move-ugc files get ${ID} --json`],
  load: async () => (await import('../commands/files')).files.get,
});

export const FILES_SHARE = verb({
  name: 'share',
  forms: [{ usage: '<file-id>', summary: 'makes a share code and a link to send to someone without an API key' }],
  options: SHOW_URLS,
  load: async () => (await import('../commands/files')).files.share,
});

export const TAKES_CREATE = verb({
  name: 'create',
  forms: [
    {
      usage: '--video <file-id> [--move <file-id>] [--device-label iphone] [--name ..] [--metadata json]',
      summary: 'a single-camera take from files uploaded with `move-ugc files upload`',
    },
    {
      usage: '--volume <volume-id> --video <file-id:lens> --video <file-id:lens> ... [--clap a-b | --timecode]',
      summary: 'a multi-camera take: one video per camera of the volume (cam-1, cam-2, ... in order)',
    },
  ],
  options: {
    video: {
      type: 'string',
      multiple: true,
      value: 'file-id[:lens]',
      description: 'an uploaded video; with --volume one per camera, each with its lens',
    },
    move: { type: 'string', value: 'file-id', description: 'the uploaded .move sidecar (single camera)' },
    'device-label': { ...RUN.options['device-label'], description: 'camera name (single camera)' },
    volume: { type: 'string', value: 'volume-id', description: 'the volume of a multi-camera take' },
    clap: { type: 'string', value: 'start-end', description: 'clap window in the videos, in seconds (multi-camera)' },
    timecode: { type: 'boolean', description: 'sync by timecode (multi-camera)' },
    ...LABEL_OPTIONS,
  },
  examples: [`move-ugc takes create --video ${ID} --name "shot 12"`],
  load: async () => (await import('../commands/takes')).takes.create,
});

export const TAKES_GET = verb({
  name: 'get',
  forms: [{ usage: '<take-id> [--expand sources,client,volume] [--show-urls]' }],
  options: { ...SHOW_URLS, expand: EXPAND('sources, client, volume') },
  notes: [URLS],
  load: async () => (await import('../commands/takes')).takes.get,
});

export const TAKES_LIST = verb({
  name: 'list',
  forms: [{ usage: '[--limit n | --all] [--after <cursor>]' }],
  options: LIST_OPTIONS,
  notes: [LISTS],
  examples: ['move-ugc takes list --limit 10'],
  load: async () => (await import('../commands/takes')).takes.list,
});

export const TAKES_UPDATE = verb({
  name: 'update',
  forms: [{ usage: '<take-id> [--name ..] [--metadata json]' }],
  options: LABEL_OPTIONS,
  load: async () => (await import('../commands/takes')).takes.update,
});

export const JOBS_CREATE = verb({
  name: 'create',
  forms: [
    {
      usage: `--take <take-id> [--outputs ..] [--options ..] [--model ..] [--clip a-b] [--name ..] [--metadata json]
[--actors n] [--rig name]   (multi-camera takes)`,
    },
  ],
  options: {
    take: { type: 'string', value: 'take-id', description: 'the take to process' },
    ...JOB_OPTIONS,
    model: {
      ...JOB_OPTIONS.model,
      value: 'S1|S2|M1|M2',
      description: 'mocap model: S for single-camera takes, M for multi-camera',
    },
    ...LABEL_OPTIONS,
    actors: { type: 'string', value: 'n', default: '1', description: 'people in the take (multi-camera)' },
    rig: { type: 'string', value: 'name', description: 'rig to retarget to (multi-camera; see `move-ugc rigs list`)' },
    'idempotency-key': RUN.options['idempotency-key'],
    fresh: {
      type: 'boolean',
      description: 'pay for a new job even when this command already made one (run again, it returns that job)',
    },
  },
  examples: ['move-ugc jobs create --take take-5d1c0a52-8f0e-4f57-a1f6-2f7c2d1e9b30 --outputs MAIN_FBX'],
  load: async () => (await import('../commands/jobs')).jobs.create,
});

export const JOBS_GET = verb({
  name: 'get',
  forms: [{ usage: '<job-id> [--expand outputs,inputs,take,rig,client] [--show-urls]' }],
  options: { ...SHOW_URLS, expand: EXPAND('outputs, inputs, take, rig, client') },
  notes: [URLS],
  load: async () => (await import('../commands/jobs')).jobs.get,
});

export const JOBS_LIST = verb({
  name: 'list',
  forms: [{ usage: '[--take <take-id>] [--limit n | --all] [--after <cursor>]' }],
  options: { ...LIST_OPTIONS, take: { type: 'string', value: 'take-id', description: 'only the jobs of this take' } },
  notes: [LISTS],
  load: async () => (await import('../commands/jobs')).jobs.list,
});

export const JOBS_UPDATE = verb({
  name: 'update',
  forms: [{ usage: '<job-id> [--name ..] [--metadata json]' }],
  options: LABEL_OPTIONS,
  load: async () => (await import('../commands/jobs')).jobs.update,
});

export const JOBS_WAIT = verb({
  name: 'wait',
  forms: [
    {
      usage: '<job-id> [--timeout 2h] [--poll-interval 10s] [--show-urls]',
      summary: 'waits until the job has FINISHED (exit 0) or FAILED (exit 1); exit 3 when --timeout ran out',
    },
  ],
  options: { ...WAIT_OPTIONS, ...SHOW_URLS },
  notes: [URLS],
  examples: [`move-ugc jobs wait ${JOB_ID}`],
  load: async () => (await import('../commands/jobs')).jobs.wait,
});

const { 'no-wait': _noWait, ...DOWNLOAD_OPTIONS } = OUTPUT_OPTIONS;

export const JOBS_DOWNLOAD = verb({
  name: 'download',
  forms: [
    {
      usage: '<job-id> [-o dir] [--overwrite] [--concurrency n] [--timeout 2h] [--poll-interval 10s]',
      summary: 'waits if needed, then downloads every output; run it again to resume a cut download',
    },
  ],
  options: DOWNLOAD_OPTIONS,
  examples: [`move-ugc jobs download ${JOB_ID} -o ./anim`],
  load: async () => (await import('../commands/jobs')).jobs.download,
});

export const VOLUMES_CREATE = verb({
  name: 'create',
  forms: [
    {
      usage: `--video <file-id:lens> --video <file-id:lens> ... --human-height 1.8 [--area NORMAL]
(--clap a-b | --timecode) [--clip a-b] [--name ..] [--metadata json]`,
      summary: 'calibrates cameras cam-1, cam-2, ... (in order) from a clip of a person',
    },
  ],
  options: {
    video: {
      type: 'string',
      multiple: true,
      value: 'file-id:lens',
      description: 'an uploaded calibration video and its lens, one per camera (2 or more)',
    },
    'human-height': MULTICAM.options['human-height'],
    area: MULTICAM.options.area,
    clap: MULTICAM.options.clap,
    timecode: { type: 'boolean', description: 'sync by timecode instead of a clap' },
    clip: { ...JOB_OPTIONS.clip, description: 'calibrate from this part only, in seconds, e.g. 2.5-9' },
    ...LABEL_OPTIONS,
    fresh: {
      type: 'boolean',
      description: 'make a new volume even when this command already made one (run again, it returns that volume)',
    },
  },
  examples: [
    'move-ugc volumes create --video file-1:goprohero10-fhd --video file-2:goprohero10-fhd --human-height 1.8 --clap 1.0-2.0',
  ],
  load: async () => (await import('../commands/volumes')).volumes.create,
});

export const VOLUMES_GET = verb({
  name: 'get',
  forms: [{ usage: '<volume-id> [--expand sources,outputs,client] [--show-urls]' }],
  options: { ...SHOW_URLS, expand: EXPAND('sources, outputs, client') },
  notes: [URLS],
  load: async () => (await import('../commands/volumes')).volumes.get,
});

export const VOLUMES_LIST = verb({
  name: 'list',
  forms: [{ usage: '[--limit n | --all] [--after <cursor>]' }],
  options: LIST_OPTIONS,
  notes: [LISTS],
  load: async () => (await import('../commands/volumes')).volumes.list,
});

export const RIGS_LIST = verb({
  name: 'list',
  forms: [{ usage: '', summary: 'Lists the rigs a multi-camera job can be retargeted to (`--rig`).' }],
  options: {},
  examples: ['move-ugc rigs list'],
  load: async () => (await import('../commands/catalog')).rigs.list,
});

export const LENSES_LIST = verb({
  name: 'list',
  forms: [{ usage: '', summary: 'Lists the camera lenses Move knows, for multi-camera sources (`file:lens`).' }],
  options: {},
  examples: ['move-ugc lenses list --json'],
  load: async () => (await import('../commands/catalog')).lenses.list,
});

export const CLIENT_GET = verb({
  name: 'get',
  forms: [
    {
      usage: '[--show-urls]',
      summary: 'the account of the API key; its portal login link is redacted unless --show-urls',
    },
  ],
  options: { 'show-urls': { ...SHOW_URLS['show-urls'], description: 'print the portal login link whole' } },
  examples: ['move-ugc client get'],
  load: async () => (await import('../commands/client')).client.get,
});

export const CLIENT_UPDATE = verb({
  name: 'update',
  forms: [{ usage: '--metadata json' }],
  options: {
    ...SHOW_URLS,
    metadata: { ...LABEL_OPTIONS.metadata, description: `your own labels, e.g. '{"team":"anim"}'` },
  },
  examples: [`move-ugc client update --metadata '{"team":"anim"}'`],
  load: async () => (await import('../commands/client')).client.update,
});

export const WEBHOOKS_SET = verb({
  name: 'set',
  forms: [
    {
      usage: `--uid <id> --url <https-url> [--events ugc.job.state.completed,ugc.job.state.failed]
[--secret whsec_..] [--description ..] [--metadata json]`,
      summary: 'registers (or updates) an endpoint; its secret is shown only when first created',
    },
  ],
  options: {
    ...SHOW_URLS,
    uid: { type: 'string', value: 'id', description: 'an id of your own for the endpoint (the same uid updates it)' },
    url: { type: 'string', value: 'https-url', description: 'where Move POSTs events' },
    events: { type: 'string', multiple: true, value: 'list', default: 'every event', description: 'event names' },
    secret: { type: 'string', value: 'whsec_..', default: 'Move makes one', description: 'the signing secret' },
    description: { type: 'string', value: 'text', description: 'a note of your own' },
    metadata: LABEL_OPTIONS.metadata,
  },
  examples: ['move-ugc webhooks set --uid prod --url https://example.com/hooks/move'],
  load: async () => (await import('../commands/webhooks')).webhooks.set,
});

export const WEBHOOKS_VERIFY = verb({
  name: 'verify',
  forms: [
    {
      usage: `--body <file|-> (--header "name: value" ... | --headers-file <file>)
[--secret whsec_..] [--tolerance 5m]`,
      summary: `checks a delivery's signature as a receiver would, from the exact body bytes and the headers
(svix-id, svix-timestamp, svix-signature). The secret may come from MOVE_WEBHOOK_SECRET
instead of --secret; it is never printed. --headers-file takes a JSON object or raw
"name: value" lines (as \`curl -D\` saves them). Exit 0 when valid, 1 with the likely cause when not.`,
    },
  ],
  options: {
    body: { type: 'string', value: 'file|-', description: 'the raw request body (- for stdin)' },
    header: { type: 'string', multiple: true, value: 'name: value', description: 'a header of the delivery' },
    'headers-file': { type: 'string', value: 'file', description: 'the headers, as JSON or `name: value` lines' },
    secret: {
      type: 'string',
      value: 'whsec_..',
      default: 'MOVE_WEBHOOK_SECRET',
      description: "the endpoint's signing secret",
    },
    tolerance: { type: 'string', value: 'duration', default: '5m', description: 'how old a delivery may be' },
  },
  examples: [
    `MOVE_WEBHOOK_SECRET=whsec_... move-ugc webhooks verify --body body.json \\
  --header "svix-id: msg_2Lk..." --header "svix-timestamp: 1732800000" --header "svix-signature: v1,..."`,
  ],
  load: async () => (await import('../commands/webhooks')).webhooks.verify,
});

// ---- Other ---------------------------------------------------------------------------------------

export const MOCK = leaf({
  name: 'mock',
  section: 'Other',
  summary: 'start the API simulator (try everything without a key)',
  forms: [{ usage: '[--port 4010] [--host 127.0.0.1] [--job-duration 5s] [--api-key <key>...]' }],
  description: `Starts the Move API simulator, so the toolkit can be tried without a key. Prints the endpoint and
the API key to use; stops on Ctrl-C.`,
  options: {
    port: {
      type: 'string',
      short: 'p',
      value: 'n',
      default: '4010',
      description: 'port to listen on; 0 picks a free one, printed in the endpoint',
    },
    host: { type: 'string', value: 'address', default: '127.0.0.1', description: 'address to listen on' },
    'job-duration': { type: 'string', value: 'duration', default: '5s', description: 'how long each job runs' },
    // Repeatable here: one client (one account) per key, to try two accounts against each other.
    'api-key': {
      type: 'string',
      multiple: true,
      value: 'key',
      description:
        "a key the simulator accepts instead of mock_move_ugc_key_0001; repeat it for several accounts (one per key); 12 characters or more, as Move's keys are",
    },
  },
  connection: false,
  examples: [
    `move-ugc mock --port 4010 &
move-ugc run clip.mp4 --endpoint http://127.0.0.1:4010/graphql --api-key mock_move_ugc_key_0001`,
  ],
  load: async () => (await import('../commands/mock')).mock,
});

export const MCP = leaf({
  name: 'mcp',
  section: 'Other',
  summary: 'serve the toolkit to an AI assistant (MCP, over stdio)',
  forms: [{ usage: '' }],
  description: `Runs an MCP server on stdio for an assistant (Claude Desktop, Cursor, VS Code): process videos,
follow jobs, download outputs. The key comes from MOVE_API_KEY; logs go to stderr. See the README.`,
  options: {},
  examples: ['move-ugc mcp', 'MOVE_API_KEY=... npx -y @move-ugc/cli mcp'],
  load: async () => (await import('../commands/mcp')).mcp,
});

export const LOGIN = leaf({
  name: 'login',
  section: 'Other',
  label: 'login | logout',
  summary: 'store or forget your API key',
  forms: [{ usage: '[--api-key <key>] [--endpoint <url>]' }],
  description: `Stores the API key for this user (mode 600, in $XDG_CONFIG_HOME/move-ugc/config.json), checked
against Move first. Without --api-key it is read from stdin, or asked for on a terminal.
\`move-ugc logout\` removes it.`,
  options: {
    'api-key': { type: 'string', value: 'key', description: 'the key to store' },
    endpoint: {
      type: 'string',
      value: 'url',
      description: 'the endpoint to use it with (else MOVE_API_ENDPOINT)',
    },
  },
  connection: false,
  examples: ['move-ugc login', 'printf %s "$KEY" | move-ugc login'],
  load: async () => (await import('../commands/login')).login,
});

export const LOGOUT = leaf({
  name: 'logout',
  section: 'Other',
  unlisted: true,
  forms: [{ usage: '' }],
  description: 'Removes the API key `move-ugc login` stored.',
  options: {},
  connection: false,
  examples: ['move-ugc logout'],
  load: async () => (await import('../commands/login')).logout,
});

export const COMMANDS: readonly CommandDecl[] = [
  RUN,
  BATCH,
  MULTICAM,
  VIEW,
  noun({
    name: 'files',
    section: 'Resources',
    verbs: [FILES_UPLOAD, FILES_GET, FILES_SHARE],
  }),
  noun({ name: 'takes', section: 'Resources', verbs: [TAKES_CREATE, TAKES_GET, TAKES_LIST, TAKES_UPDATE] }),
  noun({
    name: 'jobs',
    section: 'Resources',
    verbs: [JOBS_CREATE, JOBS_GET, JOBS_LIST, JOBS_UPDATE, JOBS_WAIT, JOBS_DOWNLOAD],
  }),
  noun({ name: 'volumes', section: 'Resources', verbs: [VOLUMES_CREATE, VOLUMES_GET, VOLUMES_LIST] }),
  noun({ name: 'rigs', section: 'Resources', verbs: [RIGS_LIST] }),
  noun({ name: 'lenses', section: 'Resources', verbs: [LENSES_LIST] }),
  noun({ name: 'client', section: 'Resources', verbs: [CLIENT_GET, CLIENT_UPDATE] }),
  noun({ name: 'webhooks', section: 'Resources', verbs: [WEBHOOKS_SET, WEBHOOKS_VERIFY] }),
  MOCK,
  MCP,
  LOGIN,
  LOGOUT,
];

/** Every flag a command always accepts, whatever its own. */
export { GLOBAL_OPTIONS };

export function findCommand(name: string | undefined): CommandDecl | undefined {
  return COMMANDS.find((c) => c.name === name);
}
