// Help texts, with examples for every command. Kept apart from the commands so `--help` loads
// nothing else.
import { EXIT } from './exit-codes';
import type { Io } from './output/io';

const CONNECTION = `Connection:
  --api-key <key>      Move API key (else MOVE_API_KEY, else \`move-ugc login\`)
  --endpoint <url>     GraphQL endpoint (else MOVE_API_ENDPOINT; default Move's production API)
  --json               print one JSON document on stdout (default when stdout is not a terminal)`;

const URLS = `Download URLs are presigned (they carry credentials), so they are printed as
\`…?[redacted]\` on the terminal and in --json; --show-urls prints them whole.`;

const LISTS = `A list shows one page (Move's default size, or --limit n); --all walks every page;
--after <cursor> starts after an earlier page. JSON (--json): { items: [...], after: cursor | null }.`;

const HELP: Record<string, string> = {
  run: `Usage: move-ugc run <video> [options]

Uploads a video, creates a take and a job, waits for Move to process it, and downloads the
outputs. Running the same command again after a crash or Ctrl-C resumes: nothing is uploaded,
created or downloaded twice.

Options:
  --move <file>              the .move sidecar the Move One app saved beside the video
  --device-label <slug>      camera name, lowercase-with-hyphens (default: iphone)
  --outputs <list>           e.g. MAIN_FBX,RENDER_VIDEO (any case; default: Move's set)
  --options <list>           trackFingers,floorPlane,trackBall,trackJerseyNumbers
  --model <S1|S2>            mocap model
  --clip <start-end>         process only this part, in seconds, e.g. 2.5-9
  --name <text>              job name; also the base of output file names
  --metadata <json>          your own labels, e.g. '{"shot":12}'
  -o, --out <dir>            where outputs go (default: ./outputs); checked before anything is paid
  --overwrite                replace files in --out that this run did not write (default: refuse,
                             listing them); an input of the run is never replaced
  --no-wait                  stop once the job is created (follow with \`move-ugc jobs wait\`)
  --timeout <duration>       stop waiting after this long, e.g. 2h (the job keeps running; exit 3)
  --poll-interval <duration> fixed interval between status checks (default: 2s growing to 30s)
  --idempotency-key <key>    reuse the job of any earlier run with this key instead of paying again
  --concurrency <n>          outputs downloaded at once (default 4)
  --fresh                    forget an earlier run of this command and start anew (uploads again,
                             pays for a new job): for a journal that names what Move no longer has
  --fail-if-running          exit at once when the same command is already running (default: wait
                             for it, then continue from what it did)

JSON (--json): { jobId, takeId, state, resumed, reused, outputDir,
  outputs: [{ fileName, format, bytes, path }] }; on failure { error: { type, message, exitCode, jobId? } }.

${CONNECTION}

Examples:
  move-ugc run clip.mp4
  move-ugc run clip.mp4 --move clip.move --outputs MAIN_FBX,RENDER_VIDEO --out ./anim
  move-ugc run clip.mp4 --clip 2.5-9 --options trackFingers --model S2 --json
`,
  batch: `Usage: move-ugc batch <dir | glob | video | list.csv>... [options]

Processes many videos at once, each resumable on its own (run the same command again after a
crash or Ctrl-C), and prints a summary table. Exits 1 when any video failed; the others still
finish. A directory gives its .mp4/.mov/.avi files (not subdirectories); a glob in quotes may
recurse with **.

Options:
  --concurrency <n>     videos processed at once (default 4)
  -o, --out <dir>       outputs go to <dir>/<video name>/ (default: ./outputs)
  --outputs, --options, --model, --device-label, --clip, --metadata, --no-wait, --timeout,
  --poll-interval, --fresh, --fail-if-running, --overwrite   as for \`run\`, for every video
  A CSV list has a header row naming its columns: video[,move,deviceLabel,outputs,name]; paths are
  relative to the CSV, outputs are separated by ; (e.g. MAIN_FBX;RENDER_VIDEO), a name also names
  the output directory.

JSON (--json): { ok, failed, aborted, outputRoot, items: [{ video, state, jobId, takeId,
  outputDir, outputs, error }] }; state is FINISHED, FAILED, TIMED_OUT, INTERRUPTED or ERROR.

${CONNECTION}

Examples:
  move-ugc batch ./clips --concurrency 4 --outputs MAIN_FBX
  move-ugc batch "shoot/**/*.mp4" -o ./anim
  move-ugc batch shots.csv --json > summary.json
`,
  multicam: `Usage: move-ugc multicam --volume-video <file:lens> ... --take-video <file:lens> ... [options]

Calibrates a multi-camera volume from a clip of a person, then processes a take recorded with the
same cameras, and downloads the outputs. The device label of each camera is its position: cam-1,
cam-2, ... so give the take videos in the same camera order. Running the same command again resumes.

Options:
  --volume-video <file:lens>  calibration video and its lens (2 or more; see \`move-ugc lenses list\`)
  --volume-id <id>            reuse a volume made earlier instead of calibrating again
  --take-video <file:lens>    a video of the take, one per camera, in the same camera order
  --human-height <metres>     height of the person in the calibration clip, e.g. 1.8
  --area <NORMAL|LARGE>       capture area (default NORMAL)
  --clap <start-end>          clap window in the calibration videos, in seconds
  --timecode                  sync by timecode instead of a clap (volume and take)
  --take-clap <start-end>     clap window in the take videos, when they have one
  --actors <n>                people in the take (default 1)
  --rig <name>                rig to retarget to (see \`move-ugc rigs list\`)
  --model <M1|M2>             mocap model
  --outputs, --options, --clip, --name, --metadata, -o/--out, --no-wait, --timeout,
  --poll-interval, --idempotency-key, --concurrency, --fresh, --fail-if-running, --overwrite
                              as for \`run\`

JSON (--json): { volumeId, takeId, jobId, state, resumed, reused, outputDir, outputs }.

${CONNECTION}

Example:
  move-ugc multicam --volume-video cam1.mp4:goprohero10-fhd --volume-video cam2.mp4:goprohero10-fhd \\
    --human-height 1.8 --clap 1.0-2.0 --take-video t1.mp4:goprohero10-fhd --take-video t2.mp4:goprohero10-fhd
`,
  files: `Usage: move-ugc files <upload|get|share> ...

  files upload <path> [--type mp4|mov|avi|move] [--name <name>]
      uploads a file and prints its id (the type is found from the content, .move by extension)
  files get <file-id> [--expand client] [--show-urls]
      shows a file; its download URL is redacted unless --show-urls
  files share <file-id>
      makes a share code and a link to send to someone without an API key

${URLS}

${CONNECTION}

Examples:
  move-ugc files upload clip.mp4
  move-ugc takes create --video "$(move-ugc files upload clip.mp4 --json | jq -r .id)"
  move-ugc files get file-2be2463e-ffa3-419b-beb4-ea0f99c79512 --json
`,
  takes: `Usage: move-ugc takes <create|get|list|update> ...

  takes create --video <file-id> [--move <file-id>] [--device-label iphone] [--name ..] [--metadata json]
      a single-camera take from files uploaded with \`move-ugc files upload\`
  takes create --volume <volume-id> --video <file-id:lens> --video <file-id:lens> ... [--clap a-b | --timecode]
      a multi-camera take: one video per camera of the volume (cam-1, cam-2, ... in order)
  takes get <take-id> [--expand sources,client,volume] [--show-urls]
  takes list [--limit n | --all] [--after <cursor>]
  takes update <take-id> [--name ..] [--metadata json]

${LISTS}

${URLS}

${CONNECTION}

Examples:
  move-ugc takes create --video file-2be2463e-ffa3-419b-beb4-ea0f99c79512 --name "shot 12"
  move-ugc takes list --limit 10
`,
  jobs: `Usage: move-ugc jobs <create|get|list|update|wait|download> ...

  jobs create --take <take-id> [--outputs ..] [--options ..] [--model ..] [--clip a-b] [--name ..] [--metadata json]
              [--actors n] [--rig name]   (multi-camera takes)
  jobs get <job-id> [--expand outputs,inputs,take,rig,client] [--show-urls]
  jobs list [--take <take-id>] [--limit n | --all] [--after <cursor>]
  jobs update <job-id> [--name ..] [--metadata json]
  jobs wait <job-id> [--timeout 2h] [--poll-interval 10s] [--show-urls]
      waits until the job has FINISHED (exit 0) or FAILED (exit 1); exit 3 when --timeout ran out
  jobs download <job-id> [-o dir] [--overwrite] [--concurrency n] [--timeout 2h] [--poll-interval 10s]
      waits if needed, then downloads every output; run it again to resume a cut download

${LISTS}

${URLS}

${CONNECTION}

Examples:
  move-ugc jobs create --take take-5d1c0a52-8f0e-4f57-a1f6-2f7c2d1e9b30 --outputs MAIN_FBX
  move-ugc jobs wait job-2be2463e-ffa3-419b-beb4-ea0f99c79512
  move-ugc jobs download job-2be2463e-ffa3-419b-beb4-ea0f99c79512 -o ./anim
`,
  volumes: `Usage: move-ugc volumes <create|get|list> ...

  volumes create --video <file-id:lens> --video <file-id:lens> ... --human-height 1.8 [--area NORMAL]
                 (--clap a-b | --timecode) [--clip a-b] [--name ..] [--metadata json]
      calibrates cameras cam-1, cam-2, ... (in order) from a clip of a person
  volumes get <volume-id> [--expand sources,outputs,client] [--show-urls]
  volumes list [--limit n | --all] [--after <cursor>]

${LISTS}

${URLS}

${CONNECTION}

Example:
  move-ugc volumes create --video file-1:goprohero10-fhd --video file-2:goprohero10-fhd --human-height 1.8 --clap 1.0-2.0
`,
  rigs: `Usage: move-ugc rigs list

Lists the rigs a multi-camera job can be retargeted to (\`--rig\`).

${CONNECTION}

Example:
  move-ugc rigs list
`,
  lenses: `Usage: move-ugc lenses list

Lists the camera lenses Move knows, for multi-camera sources (\`file:lens\`).

${CONNECTION}

Example:
  move-ugc lenses list --json
`,
  client: `Usage: move-ugc client <get|update> ...

  client get [--show-urls]
      the account of the API key; its portal login link is redacted unless --show-urls
  client update --metadata json

${CONNECTION}

Examples:
  move-ugc client get
  move-ugc client update --metadata '{"team":"anim"}'
`,
  webhooks: `Usage: move-ugc webhooks <set|verify> ...

  webhooks set --uid <id> --url <https-url> [--events ugc.job.state.completed,ugc.job.state.failed]
               [--secret whsec_..] [--description ..] [--metadata json]
      registers (or updates) an endpoint; its secret is shown only when first created
  webhooks verify --body <file|-> (--header "name: value" ... | --headers-file <file>)
                  [--secret whsec_..] [--tolerance 5m]
      checks a delivery's signature as a receiver would, from the exact body bytes and the headers
      (svix-id, svix-timestamp, svix-signature). The secret may come from MOVE_WEBHOOK_SECRET
      instead of --secret; it is never printed. --headers-file takes a JSON object or raw
      "name: value" lines (as \`curl -D\` saves them). Exit 0 when valid, 1 with the likely cause when not.

${CONNECTION}

Examples:
  move-ugc webhooks set --uid prod --url https://example.com/hooks/move
  MOVE_WEBHOOK_SECRET=whsec_... move-ugc webhooks verify --body body.json \\
    --header "svix-id: msg_2Lk..." --header "svix-timestamp: 1732800000" --header "svix-signature: v1,..."
`,
  mock: `Usage: move-ugc mock [--port 4010] [--host 127.0.0.1] [--job-duration 5s] [--api-key <key>...]

Starts the Move API simulator, so the toolkit can be tried without a key. Prints the endpoint and
the API key to use; stops on Ctrl-C.

  --port <n>         port to listen on (default 4010); 0 picks a free one, printed in the endpoint
  --api-key <key>    a key the simulator accepts instead of mock_move_ugc_key_0001; repeat it for
                     several accounts (one per key); 12 characters or more, as Move's keys are

Example:
  move-ugc mock --port 4010 &
  move-ugc run clip.mp4 --endpoint http://127.0.0.1:4010/graphql --api-key mock_move_ugc_key_0001
`,
  login: `Usage: move-ugc login [--api-key <key>] [--endpoint <url>]

Stores the API key for this user (mode 600, in $XDG_CONFIG_HOME/move-ugc/config.json), checked
against Move first. Without --api-key it is read from stdin, or asked for on a terminal.
\`move-ugc logout\` removes it.

Examples:
  move-ugc login
  printf %s "$KEY" | move-ugc login
`,
};

export function mainHelp(): string {
  return `move-ugc: Move AI motion capture from the command line

Usage: move-ugc <command> [options]

Process videos:
  run <video>          upload, process and download one single-camera video
  batch <dir|glob>     many videos at once
  multicam ...         calibrate a volume and process a multi-camera take

Resources:
  files    upload | get | share
  takes    create | get | list | update
  jobs     create | get | list | update | wait | download
  volumes  create | get | list
  rigs     list
  lenses   list
  client   get | update
  webhooks set | verify

Other:
  mock                 start the API simulator (try everything without a key)
  login | logout       store or forget your API key
  --version, --help    (\`move-ugc <command> --help\` for a command)

Exit codes: 0 ok, 1 failed, 2 usage error, 3 timed out (job still running), 4 authentication, 130 interrupted.

Example:
  export MOVE_API_KEY=...   # or: move-ugc login
  move-ugc run clip.mp4 --outputs MAIN_FBX,RENDER_VIDEO
`;
}

export function commandHelp(command: string): string {
  return HELP[command] ?? mainHelp();
}

export async function showHelp(command: string, io: Io): Promise<number> {
  io.stdout.write(commandHelp(command));
  return EXIT.ok;
}
