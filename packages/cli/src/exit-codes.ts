// The documented exit codes of move-ugc (README "Exit codes").
export const EXIT = {
  ok: 0,
  /** The job failed, or Move or the network returned an error. */
  failed: 1,
  /** Bad arguments or input (nothing was sent), or outputs that would replace files already there. */
  usage: 2,
  /** Waiting ran out while the job still runs: `move-ugc jobs wait <id>` continues. */
  timeout: 3,
  /** No API key, or Move rejected it. */
  auth: 4,
  /** Ctrl-C: in-flight requests were stopped, the journal kept. */
  interrupted: 130,
} as const;
