// Local file system checks and errors: a folder that must take writes is checked before anything is
// paid for, and a failure that retrying cannot mend (permissions, a file in the way, a read-only or
// full disk) becomes a MoveFileSystemError that names the path and the fix.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { MoveFileSystemError } from '../errors';
import { errorCode } from './runtime';

/** Failures that no retry mends, with what to do about each. */
const FIXES: Record<string, string> = {
  EACCES: 'permission denied; fix its permissions or choose another folder',
  EPERM: 'not permitted; fix its permissions or choose another folder',
  ENOTDIR: 'a file is where a folder should be; move that file away or choose another folder',
  EISDIR: 'a folder is where a file should be; move it away or choose another folder',
  EROFS: 'the file system is read-only; choose a folder on a writable disk',
  ENOSPC: 'the disk is full; free some space, then run again',
  EDQUOT: 'the disk quota is used up; free some space, then run again',
  EFBIG: 'the file is too large for this file system; choose a folder on another disk',
  ENAMETOOLONG: 'the name is too long for this file system; choose a shorter folder or name',
  ELOOP: 'a symbolic link is in the way; remove it, then run again',
};

/**
 * The error as a MoveFileSystemError when it is a failure that retrying cannot mend, saying what
 * was being done (`doing`, e.g. "save the output clip.fbx") and where; else the error itself.
 */
export function fileSystemError(error: unknown, doing: string, path: string): unknown {
  if (error instanceof MoveFileSystemError) return error;
  const code = errorCode(error);
  const fix = code && FIXES[code];
  if (!fix) return error;
  const where = (error as { path?: unknown }).path;
  const at = typeof where === 'string' ? where : path;
  return new MoveFileSystemError(`Cannot ${doing} (${at}): ${fix} (${code}).`, at, { code, cause: error });
}

/**
 * Checks, creating nothing, that `dir` is a folder this process can write in, or can be made: its
 * nearest existing ancestor is a folder that takes writes. `what` names it in messages ("The output
 * folder"), `fix` says what else to do ("choose another one").
 */
export async function checkWritableDir(dir: string, what: string, fix: string): Promise<void> {
  const wanted = resolve(dir);
  let path = wanted;
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (error) {
      const code = errorCode(error);
      const parent = dirname(path);
      // Missing, or under a file: look at the parent (which names the file in the way).
      if ((code === 'ENOENT' || code === 'ENOTDIR') && parent !== path) {
        path = parent;
        continue;
      }
      throw problem(error, what, wanted, fix);
    }
    if (!isDirectory) {
      throw new MoveFileSystemError(
        `${what} ${wanted} cannot be made: ${path} is a file, not a folder. Move that file away, or ${fix}.`,
        path,
        { code: 'ENOTDIR' },
      );
    }
    try {
      await access(path, constants.W_OK | constants.X_OK);
    } catch (error) {
      throw problem(error, what, wanted, fix);
    }
    return;
  }
}

function problem(error: unknown, what: string, dir: string, fix: string): unknown {
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM') {
    return new MoveFileSystemError(
      `${what} ${dir} is not writable (permission denied, ${code}): fix its permissions, or ${fix}.`,
      dir,
      { code, cause: error },
    );
  }
  if (code === 'EROFS') {
    return new MoveFileSystemError(`${what} ${dir} is on a read-only file system (EROFS): ${fix}.`, dir, {
      code,
      cause: error,
    });
  }
  return fileSystemError(error, `use ${what.toLowerCase()}`, dir);
}
