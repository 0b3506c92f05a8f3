// The lock beside a journal file: created with O_EXCL, holding who took it. A lock whose process is
// gone (same host: no such pid, or the pid now belongs to a process started later, or the machine
// has rebooted since) is stale and taken over; so is one from another host after a day.
import { readFileSync } from 'node:fs';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { JournalLock } from '../ports/journal';
import { errorCode } from './runtime';

interface Holder {
  pid: number;
  host: string;
  since: string;
  /** Linux: the boot and the process's start time, which tell a reused pid from the holder. */
  boot?: string;
  start?: string;
}

const FOREIGN_STALE_MS = 24 * 60 * 60 * 1000;
/** A lock file still empty after this long was left by a process that died while writing it. */
const EMPTY_STALE_MS = 10_000;

export async function takeLock(path: string): Promise<JournalLock> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const mine = await create(path, self());
    if (mine) return mine;
    const held = await readHolder(path);
    if (held === 'gone') continue;
    if (!(await isStale(path, held))) return { acquired: false, holder: describe(held) };
    // Only one process may clear a stale lock: the one that gets the takeover guard.
    const guard = await create(`${path}.takeover`, self());
    if (!guard) {
      await clearIfStale(`${path}.takeover`);
      continue;
    }
    try {
      const again = await readHolder(path);
      if (again === 'gone' || sameHolder(again, held)) await rm(path, { force: true });
    } finally {
      await guard.release();
    }
  }
  const held = await readHolder(path);
  return { acquired: false, holder: held === 'gone' ? 'another run' : describe(held) };
}

/** Creates `path` exclusively (never through a link), holding `holder`; null when it exists. */
async function create(path: string, holder: Holder): Promise<(JournalLock & { acquired: true }) | null> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return null;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(holder), 'utf8');
  } finally {
    await handle.close();
  }
  return {
    acquired: true,
    // Removes the lock only while it is still this one (a stale-lock takeover may have replaced it).
    release: async () => {
      const now = await readHolder(path);
      if (now !== 'gone' && sameHolder(now, holder)) await rm(path, { force: true });
    },
  };
}

async function readHolder(path: string): Promise<Holder | null | 'gone'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<Holder>;
    return typeof value.pid === 'number' && typeof value.host === 'string' ? (value as Holder) : null;
  } catch {
    return null;
  }
}

async function isStale(path: string, held: Holder | null): Promise<boolean> {
  const age = await ageMs(path);
  if (!held) return age > EMPTY_STALE_MS;
  const me = self();
  if (held.host !== me.host) return age > FOREIGN_STALE_MS;
  if (held.boot && me.boot && held.boot !== me.boot) return true;
  if (!alive(held.pid)) return true;
  return Boolean(held.start && startOf(held.pid) !== held.start);
}

async function clearIfStale(path: string): Promise<void> {
  const held = await readHolder(path);
  if (held !== 'gone' && (await isStale(path, held))) await rm(path, { force: true });
}

async function ageMs(path: string): Promise<number> {
  try {
    return Date.now() - (await stat(path)).mtimeMs;
  } catch {
    return 0;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return errorCode(error) === 'EPERM';
  }
}

let machine: Omit<Holder, 'since'> | undefined;

/** This process as a lock holder, read once when first needed: only `since` differs per lock. */
function self(): Holder {
  machine ??= {
    pid: process.pid,
    host: hostname(),
    boot: readProc('/proc/sys/kernel/random/boot_id')?.trim(),
    start: startOf(process.pid),
  };
  return { ...machine, since: new Date().toISOString() };
}

/** The process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat), on Linux. */
function startOf(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  // The command name (field 2) may hold spaces and parentheses: count from its closing one.
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function sameHolder(a: Holder | null, b: Holder | null): boolean {
  return a !== null && b !== null && a.pid === b.pid && a.host === b.host && a.since === b.since;
}

function describe(held: Holder | null): string {
  if (!held) return 'another run';
  return `process ${held.pid} on ${held.host}, since ${held.since}`;
}
