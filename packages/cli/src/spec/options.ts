// Flags several commands share, each declared once with its help text; and the notes several help
// pages print.
import type { Note, OptionDecls } from './types';

/** Flags every command that talks to Move accepts (the Connection block of --help). */
export const GLOBAL_OPTIONS = {
  'api-key': { type: 'string', value: 'key', description: 'Move API key (else MOVE_API_KEY, else `move-ugc login`)' },
  endpoint: {
    type: 'string',
    value: 'url',
    description: "GraphQL endpoint (else MOVE_API_ENDPOINT; default Move's production API)",
  },
  json: { type: 'boolean', description: 'print one JSON document on stdout (default when stdout is not a terminal)' },
  help: { type: 'boolean', short: 'h', description: 'this help' },
} as const satisfies OptionDecls;

/** The Connection block lists these (not --help). */
export const CONNECTION_FLAGS = ['api-key', 'endpoint', 'json'] as const;

/** `--show-urls`: print presigned URLs and the portal link instead of redacting them. */
export const SHOW_URLS = {
  'show-urls': { type: 'boolean', description: 'print presigned URLs whole instead of `…?[redacted]`' },
} as const satisfies OptionDecls;

/** `--name` and `--metadata`, as every create and update takes them. */
export const LABEL_OPTIONS = {
  name: { type: 'string', value: 'text', description: 'a name of your own' },
  metadata: { type: 'string', value: 'json', description: `your own labels, e.g. '{"shot":12}'` },
} as const satisfies OptionDecls;

/** How long and how often to wait for a job. */
export const WAIT_OPTIONS = {
  timeout: {
    type: 'string',
    value: 'duration',
    description: 'stop waiting after this long, e.g. 2h (the job keeps running; exit 3)',
  },
  'poll-interval': {
    type: 'string',
    value: 'duration',
    default: '2s growing to 30s',
    description: 'fixed interval between status checks',
  },
} as const satisfies OptionDecls;

/** What the job makes: the same for every video of a run. */
export const JOB_OPTIONS = {
  outputs: {
    type: 'string',
    multiple: true,
    value: 'list',
    default: "Move's set",
    description: 'e.g. MAIN_FBX,RENDER_VIDEO, in any case',
  },
  options: {
    type: 'string',
    multiple: true,
    value: 'list',
    description: 'trackFingers,floorPlane,trackBall,trackJerseyNumbers',
  },
  model: { type: 'string', value: 'S1|S2', description: 'mocap model' },
  clip: { type: 'string', value: 'start-end', description: 'process only this part, in seconds, e.g. 2.5-9' },
  metadata: LABEL_OPTIONS.metadata,
} as const satisfies OptionDecls;

/** Where the outputs go, and whether to wait for them at all. */
export const OUTPUT_OPTIONS = {
  ...WAIT_OPTIONS,
  out: {
    type: 'string',
    short: 'o',
    value: 'dir',
    default: './outputs',
    description: 'where outputs go; checked before anything is paid',
  },
  'no-wait': { type: 'boolean', description: 'stop once the job is created (follow with `move-ugc jobs wait`)' },
  concurrency: { type: 'string', value: 'n', default: '4', description: 'outputs downloaded at once' },
  fresh: {
    type: 'boolean',
    description:
      'forget an earlier run of this command and start anew (uploads again, pays for a new job): for a journal that names what Move no longer has',
  },
  'fail-if-running': {
    type: 'boolean',
    default: 'wait for it, then continue from what it did',
    description: 'exit at once when the same command is already running',
  },
  overwrite: {
    type: 'boolean',
    default: 'refuse, listing them',
    description: 'replace files in --out that this run did not write; an input of the run is never replaced',
  },
} as const satisfies OptionDecls;

/** `--limit n` (one page of n), `--all` (every page) and `--after <cursor>`, shared by every `list` verb. */
export const LIST_OPTIONS = {
  limit: { type: 'string', value: 'n', default: "Move's page size", description: 'items on the page' },
  all: { type: 'boolean', description: 'every item, page after page' },
  after: { type: 'string', value: 'cursor', description: 'the page after an earlier one' },
} as const satisfies OptionDecls;

export const LISTS: Note = {
  id: 'lists',
  text: `A list shows one page (Move's default size, or --limit n); --all walks every page;
--after <cursor> starts after an earlier page. JSON (--json): { items: [...], after: cursor | null }.`,
};

export const URLS: Note = {
  id: 'urls',
  text: `Download URLs are presigned (they carry credentials), so they are printed as
\`…?[redacted]\` on the terminal and in --json; --show-urls prints them whole.`,
};

/** The order notes take on a noun's page, which gathers its verbs' notes. */
export const NOTE_ORDER: readonly Note[] = [LISTS, URLS];
