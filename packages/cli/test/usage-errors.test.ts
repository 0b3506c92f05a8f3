// Bad arguments of every kind: exit 2, a message that says what is wrong and how to fix it, and
// not one request sent. Then the authentication failures: exit 4.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleVideo } from '@move-ugc/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Env, expectNoSecrets, run, startSim, WRONG_KEY } from './helpers';

let t: Env;
/** What beforeAll put in the working directory: no usage error may add to it. */
let fixtures: string[];

beforeAll(async () => {
  t = await startSim();
  writeFileSync(join(t.dir, 'clip.mp4'), sampleVideo('MP4', 2048));
  writeFileSync(join(t.dir, 'clip2.mp4'), sampleVideo('MP4', 4096));
  writeFileSync(join(t.dir, 'notes.txt'), 'just some notes\n');
  writeFileSync(join(t.dir, 'empty.mp4'), '');
  writeFileSync(join(t.dir, 'empty.move'), '');
  writeFileSync(join(t.dir, 'frame.mp4'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  // Sparse: 5 GiB and one byte on paper, a few KiB on disk.
  writeFileSync(join(t.dir, 'huge.mp4'), sampleVideo('MP4', 4096));
  truncateSync(join(t.dir, 'huge.mp4'), 5 * 1024 ** 3 + 1);
  writeFileSync(join(t.dir, 'body.json'), '{}');
  mkdirSync(join(t.dir, 'empty'));
  writeFileSync(join(t.dir, 'bad.csv'), 'file,name\nclip.mp4,a\n');
  writeFileSync(join(t.dir, 'list.csv'), 'video,name\nclip.mp4,one\nmissing.mp4,two\n');
  fixtures = readdirSync(t.dir).sort();
});

afterAll(async () => {
  expectNoSecrets();
  await t.close();
});

const LENS = 'goprohero10-fhd';
const CAMS = ['--volume-video', `clip.mp4:${LENS}`, '--volume-video', `clip2.mp4:${LENS}`];

const CASES: [string, string[], RegExp][] = [
  ['BI-41 run without a video', ['run'], /Give the video to process: move-ugc run <video\.mp4>/],
  ['BI-42 a missing video', ['run', 'missing.mp4'], /No file at missing\.mp4; check the path/],
  [
    'BI-43 an empty video',
    ['run', 'empty.mp4'],
    /empty\.mp4 is empty \(0 bytes\); check that it was written completely/,
  ],
  ['BI-44 a directory as the video', ['run', 'empty'], /empty is a directory; give the path of a video file instead/],
  [
    'BI-47 a PNG named .mp4',
    ['run', 'frame.mp4'],
    /video "frame\.mp4" is not an MP4, MOV or AVI video: its first bytes look like a PNG image\. .*ffmpeg -i/,
  ],
  [
    'BI-48 a video over 5 GiB (sparse)',
    ['run', 'huge.mp4'],
    /video "huge\.mp4" is 5\.0 GiB; Move accepts at most 5 GiB per file\. Trim or re-encode it first/,
  ],
  ['BI-49 an empty sidecar', ['run', 'clip.mp4', '--move', 'empty.move'], /empty\.move is empty \(0 bytes\)/],
  ['BI-46 a text file as the video', ['run', 'notes.txt'], /is not an MP4, MOV or AVI video.*like text.*ffmpeg/],
  [
    'BI-50 a reversed clip',
    ['run', 'clip.mp4', '--clip', '9-2'],
    /--clip: startTime \(9\) must be before endTime \(2\); swap them if they are reversed/,
  ],
  [
    'BI-51 a clip that is no window',
    ['run', 'clip.mp4', '--clip', 'abc'],
    /--clip takes start-end in seconds, such as 2\.5-9/,
  ],
  [
    'BI-52 an output type typo',
    ['run', 'clip.mp4', '--outputs', 'MAIN_FBXX'],
    /"MAIN_FBXX" is not an output type \(did you mean MAIN_FBX\?\)/,
  ],
  [
    'BI-53 an unknown option',
    ['run', 'clip.mp4', '--options', 'trackFeet'],
    /--options: unknown option "trackFeet"; use any of/,
  ],
  [
    'a multi-camera model',
    ['run', 'clip.mp4', '--model', 'm1'],
    /--model "M1" is for multi-camera jobs; a single-camera job takes S1 or S2/,
  ],
  ['an unknown model', ['run', 'clip.mp4', '--model', 'X9'], /--model takes S1 or S2 \(single camera\), or M1 or M2/],
  [
    'BI-54 metadata that is not JSON',
    ['run', 'clip.mp4', '--metadata', '{bad'],
    /--metadata must be a JSON object such as/,
  ],
  ['metadata that is an array', ['run', 'clip.mp4', '--metadata', '[1]'], /--metadata must be a JSON object/],
  ['BI-55 reserved metadata', ['run', 'clip.mp4', '--metadata', '{"_moveUgc":1}'], /"_moveUgc" is reserved/],
  [
    'BI-56 a timeout that is no duration',
    ['run', 'clip.mp4', '--timeout', 'soon'],
    /--timeout takes a duration such as 90s, 15m or 2h \(got "soon"\)/,
  ],
  [
    'BI-57 a zero poll interval',
    ['run', 'clip.mp4', '--poll-interval', '0s'],
    /--poll-interval must be more than zero/,
  ],
  [
    'BI-58 too many downloads at once',
    ['run', 'clip.mp4', '--concurrency', '99'],
    /--concurrency takes a whole number from 1 to 16 \(got "99"\)/,
  ],
  [
    'BI-59 a device label with spaces',
    ['run', 'clip.mp4', '--device-label', 'My Phone'],
    /--device-label must be lowercase.*\(try "my-phone"\)/,
  ],
  ['BI-60 an unknown flag', ['run', 'clip.mp4', '--bogus'], /Unknown option '--bogus'/],
  ['BI-61 a flag without its value', ['run', 'clip.mp4', '--outputs'], /Option '--outputs <value>' argument missing/],
  ['an extra argument', ['run', 'clip.mp4', 'clip2.mp4'], /Unexpected argument "clip2\.mp4"/],
  ['BI-49 a video as the sidecar', ['run', 'clip.mp4', '--move', 'clip2.mp4'], /is a video, not a \.move sidecar/],
  ['jobs get without an id', ['jobs', 'get'], /Give the job id, e\.g\. move-ugc jobs get job-/],
  [
    'BI-63 a take id for a job',
    ['jobs', 'get', 'take-123'],
    /take-123 is a take id; jobs get needs a job id \(job-…\)/,
  ],
  [
    'an unknown expansion',
    ['jobs', 'get', 'job-1', '--expand', 'outputs,foo'],
    /--expand: "foo" cannot be expanded here; choose from outputs, inputs, take, rig, client/,
  ],
  ['a zero limit', ['jobs', 'list', '--limit', '0'], /--limit takes a whole number from 1 to 1000/],
  ['--all with --limit', ['jobs', 'list', '--all', '--limit', '5'], /--all and --limit do not go together/],
  ['jobs create without a take', ['jobs', 'create'], /Give the take to process: --take <take-id>/],
  [
    'a word for a number',
    ['jobs', 'create', '--take', 'take-1', '--actors', 'two'],
    /--actors takes a whole number from 1 to 100/,
  ],
  [
    'a rig that is no name',
    ['jobs', 'create', '--take', 'take-1', '--rig', 'Move MO'],
    /--rig takes a rig name such as move_mo/,
  ],
  ['an update with nothing', ['jobs', 'update', 'job-1'], /Nothing to update: give --name and\/or --metadata/],
  ['a wait with a bad timeout', ['jobs', 'wait', 'job-1', '--timeout', '5 minutes'], /--timeout takes a duration/],
  [
    'a download with bad concurrency',
    ['jobs', 'download', 'job-1', '--concurrency', 'x'],
    /--concurrency takes a whole number/,
  ],
  ['takes create without a video', ['takes', 'create'], /Give the uploaded video: --video <file-id>/],
  [
    'two videos for one camera',
    ['takes', 'create', '--video', 'file-1', '--video', 'file-2'],
    /single-camera take has one --video; for several cameras add --volume/,
  ],
  [
    'one camera for a volume',
    ['takes', 'create', '--volume', 'volume-1', '--video', `file-1:${LENS}`],
    /give 2 or more --video flags, one per camera \(got 1\)/,
  ],
  [
    'a camera without a lens',
    ['takes', 'create', '--volume', 'volume-1', '--video', 'file-1', '--video', `file-2:${LENS}`],
    /--video takes <file-id>:<lens>/,
  ],
  ['an empty name', ['takes', 'update', 'take-1', '--name', ''], /--name must be non-empty text/],
  [
    'BI-76 a height in centimetres',
    [
      'volumes',
      'create',
      '--video',
      `file-1:${LENS}`,
      '--video',
      `file-2:${LENS}`,
      '--human-height',
      '180',
      '--clap',
      '1-2',
    ],
    /--human-height is the height in metres .* \(got 180\)\. 180 looks like centimetres: use 1\.8/,
  ],
  [
    'a volume without sync',
    ['volumes', 'create', '--video', `file-1:${LENS}`, '--video', `file-2:${LENS}`, '--human-height', '1.8'],
    /Say how to sync the cameras: --clap/,
  ],
  [
    'clap and timecode',
    [
      'volumes',
      'create',
      '--video',
      `file-1:${LENS}`,
      '--video',
      `file-2:${LENS}`,
      '--human-height',
      '1.8',
      '--clap',
      '1-2',
      '--timecode',
    ],
    /either --clap <start-end> or --timecode, not both/,
  ],
  [
    'an unknown area',
    [
      'volumes',
      'create',
      '--video',
      `file-1:${LENS}`,
      '--video',
      `file-2:${LENS}`,
      '--human-height',
      '1.8',
      '--timecode',
      '--area',
      'huge',
    ],
    /--area must be NORMAL or LARGE \(got "HUGE"\)/,
  ],
  ['client update without metadata', ['client', 'update'], /Give the new metadata: --metadata/],
  ['a webhook without uid', ['webhooks', 'set', '--url', 'https://hooks.test/move'], /--uid <id>/],
  [
    'a webhook to ftp',
    ['webhooks', 'set', '--uid', 'a', '--url', 'ftp://hooks.test'],
    /--url must be an http\(s\) URL/,
  ],
  ['a webhook to no URL', ['webhooks', 'set', '--uid', 'a', '--url', 'not a url'], /--url "not a url" is not a URL/],
  [
    'an unknown event',
    ['webhooks', 'set', '--uid', 'a', '--url', 'https://hooks.test', '--events', 'done!'],
    /--events: "done!" is not an event name/,
  ],
  [
    'BI-74 verify without a secret',
    ['webhooks', 'verify', '--body', 'body.json'],
    /signing secret: --secret whsec_\.\.\. or the MOVE_WEBHOOK_SECRET/,
  ],
  [
    'a header without a colon',
    ['webhooks', 'verify', '--secret', 'whsec_x', '--body', 'body.json', '--header', 'svix-id'],
    /--header takes "name: value"/,
  ],
  [
    'a missing body',
    ['webhooks', 'verify', '--secret', 'whsec_x', '--body', 'missing.json'],
    /Cannot read --body missing\.json \(ENOENT\)/,
  ],
  ['batch without videos', ['batch'], /Give the videos: a directory, a glob in quotes/],
  [
    'BI-73 a batch of nothing',
    ['batch', 'nowhere/'],
    /"nowhere\/" is not a directory, a video, a \.csv list or a glob/,
  ],
  ['BI-73 a batch of an empty directory', ['batch', 'empty'], /No videos \(\.mp4, \.mov, \.avi\) found for "empty"/],
  [
    'BI-71 a CSV without a video column',
    ['batch', 'bad.csv'],
    /bad\.csv needs a header row naming its columns: video.*\(unknown: file\)/,
  ],
  [
    'BI-72 a CSV naming a missing file',
    ['batch', 'list.csv'],
    /1 of 2 videos cannot be read.*\n.*list\.csv line 3: No file at/,
  ],
  ['multicam without cameras', ['multicam'], /Give the calibration videos \(--volume-video <file:lens>/],
  [
    'a take with one camera',
    ['multicam', ...CAMS, '--human-height', '1.8', '--clap', '1-2', '--take-video', `clip.mp4:${LENS}`],
    /Give 2 or more --take-video <file:lens> flags/,
  ],
  [
    'a reused volume with a clap',
    ['multicam', '--volume-id', 'volume-1', '--clap', '1-2'],
    /--volume-id reuses a volume, so --clap .* use --take-clap/,
  ],
  [
    'a camera file that is missing',
    [
      'multicam',
      '--volume-video',
      `nope.mp4:${LENS}`,
      '--volume-video',
      `clip.mp4:${LENS}`,
      '--timecode',
      '--human-height',
      '1.8',
    ],
    /No file at nope\.mp4/,
  ],
  ['files upload without a path', ['files', 'upload'], /Give the file to upload: move-ugc files upload <path>/],
  [
    'an unknown file type',
    ['files', 'upload', 'clip.mp4', '--type', 'mkv'],
    /--type takes one of mp4, mov, avi, move \(got "mkv"\)/,
  ],
  ['BI-69 an ftp endpoint', ['jobs', 'list', '--endpoint', 'ftp://api.test/graphql'], /The endpoint must use https/],
  [
    'BI-68 plain http to a remote host',
    ['jobs', 'list', '--endpoint', 'http://example.com/graphql'],
    /plain http is allowed only for a local simulator/,
  ],
  [
    'BI-67 a Bearer prefix on the key',
    ['jobs', 'list', '--api-key', 'Bearer abcdefghijklmnop'],
    /without the "Bearer " prefix/,
  ],
];

describe.concurrent('bad arguments (exit 2, nothing sent)', () => {
  it.each(CASES)('%s', async (_name, args, message) => {
    const result = await run(args, { env: t.env, cwd: t.dir });
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/^error: .*\n(.*\n)*See: move-ugc \w+( \w+)? --help\n$/);
    expect(result.code, result.stderr).toBe(2);
    // stdout is not a terminal here, so it carries the JSON error document.
    expect(JSON.parse(result.stdout).error).toMatchObject({ exitCode: 2, message: expect.stringMatching(message) });
  });
});

describe('usage errors', () => {
  it('sent no request at all, and wrote nothing: no outputs, no state', () => {
    expect(t.sim.requests).toHaveLength(0);
    expect(readdirSync(t.dir).sort()).toEqual(fixtures);
  });

  it('prints an error document with --json, and names the command to read about', async () => {
    const result = await run(['jobs', 'list', '--limit', 'ten', '--json'], { env: t.env, cwd: t.dir });
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: { type: 'UsageError', message: '--limit takes a whole number from 1 to 1000 (got "ten").', exitCode: 2 },
    });
    expect(result.stderr).toContain('See: move-ugc jobs --help');
  });
});

describe('authentication (exit 4)', () => {
  it('BI-65 says how to give a key when there is none', async () => {
    const { MOVE_API_KEY: _key, ...env } = t.env;
    const before = t.sim.requests.length;
    const result = await run(['run', 'clip.mp4', '--out', 'out-no-key'], { env, cwd: t.dir });
    expect(result.code).toBe(4);
    expect(result.stderr).toMatch(/No Move API key\. Give one in any of three ways: --api-key <key>, the MOVE_API_KEY/);
    expect(result.stderr).toContain('move-ugc login');
    expect(t.sim.requests.length).toBe(before);
    expect(existsSync(join(t.dir, 'out-no-key'))).toBe(false);
  });

  it('BI-66 exits 4 when Move rejects the key, without echoing it or spending anything', async () => {
    const before = t.sim.requests.length;
    const result = await run(['run', 'clip.mp4', '--api-key', WRONG_KEY, '--json', '--out', 'out-wrong-key'], {
      env: t.env,
      cwd: t.dir,
    });
    expect(result.code).toBe(4);
    expect(JSON.parse(result.stdout).error).toMatchObject({ type: 'MoveAuthenticationError', exitCode: 4 });
    expect(result.stderr).toMatch(/API key/);
    expect(`${result.stdout}${result.stderr}`).not.toContain(WRONG_KEY);
    expect(t.sim.requests.length).toBeGreaterThan(before);
    expectNothingSpent();
    expect(existsSync(join(t.dir, 'out-wrong-key'))).toBe(false);
  });

  it('uses the key stored by login, and forgets it on logout', async () => {
    const { MOVE_API_KEY: key, ...env } = t.env;
    const login = await run(['login'], { env, cwd: t.dir, stdin: `${key}\n` });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toMatch(/Logged in as .*\. Key stored in .*config\.json/);
    const list = await run(['rigs', 'list', '--json'], { env, cwd: t.dir });
    expect(list.code, list.stderr).toBe(0);
    expect((await run(['logout'], { env, cwd: t.dir })).code).toBe(0);
    expect((await run(['rigs', 'list'], { env, cwd: t.dir })).code).toBe(4);
  });
});

/** Neither a file record, nor a take, nor a job was made: nothing that costs credit. */
function expectNothingSpent(): void {
  expect(t.sim.files()).toHaveLength(0);
  expect(t.sim.takes()).toHaveLength(0);
  expect(t.sim.jobs()).toHaveLength(0);
}

describe('bad ids and endpoints (exit 1)', () => {
  it('BI-64 says an unknown job id was not found', async () => {
    const result = await run(['jobs', 'get', 'job-00000000-0000-4000-8000-000000000000'], { env: t.env, cwd: t.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error: GetJob: not found\. Check the id; ids belong to the API key's client/);
  });

  it('BI-70 says which endpoint it could not reach, and leaves nothing behind', async () => {
    const port = await closedPort();
    const env = { ...t.env, MOVE_API_ENDPOINT: `http://127.0.0.1:${port}/graphql` };
    const result = await run(['run', 'clip.mp4', '--out', 'out-unreachable'], { env, cwd: t.dir });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `Could not reach Move at http://127\\.0\\.0\\.1:${port} for \\w+ \\(.*ECONNREFUSED.*\\)\\. Check the network`,
      ),
    );
    expect(existsSync(join(t.dir, 'out-unreachable'))).toBe(false);
  });
});

describe('an unreadable video (exit 2)', () => {
  // Root reads through mode 000, so as root the CLI runs as nobody, for whom the file is unreadable.
  const asRoot = process.getuid?.() === 0;

  it('BI-45 says it cannot be read and how to fix it, before anything is sent', async () => {
    const open = mkdtempSync(join(tmpdir(), 'move-ugc-cli-unreadable-'));
    try {
      chmodSync(open, 0o755);
      writeFileSync(join(open, 'locked.mp4'), sampleVideo('MP4', 2048));
      chmodSync(join(open, 'locked.mp4'), 0o000);
      const home = { HOME: open, XDG_CONFIG_HOME: join(open, 'c'), XDG_STATE_HOME: join(open, 's') };
      const env = { ...t.env, ...home, MOVE_UGC_STATE_DIR: join(open, 'state') };
      const before = t.sim.requests.length;
      const result = await run(['run', 'locked.mp4', '--out', 'out'], {
        env,
        cwd: open,
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      expect(result.stderr).toMatch(/locked\.mp4 cannot be read \(permission denied\); check its permissions/);
      expect(result.code).toBe(2);
      expect(t.sim.requests.length).toBe(before);
      expect(readdirSync(open)).toEqual(['locked.mp4']);
    } finally {
      rmSync(open, { recursive: true, force: true });
    }
  });
});

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
