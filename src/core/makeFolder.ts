import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CliError } from './errors.js';

/**
 * Creates a folder and any missing parents, one level at a time, as `mkdirSync(dir, {
 * recursive: true })` would. Why not that option: on Linux, under /proc or /sys the kernel
 * answers ENOENT for a new folder inside an existing one, which Node's recursive mkdir takes
 * for a missing parent and retries forever, at full CPU, deaf to Ctrl-C and SIGTERM (`--out
 * /proc/x` hung corredor; the same Node behaviour is reported in Kewton/CommandMate#1774).
 * A folder that cannot be made is an error naming it and the reason.
 */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); ) {
    missing.push(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // Made meanwhile by someone else (another shard writing to the same folder): fine.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && isFolder(folder)) continue;
      throw cannotWrite(folder, error, 'create this folder');
    }
  }
  if (!isFolder(resolve(dir))) throw new CliError(`${dir}: exists and is not a folder; choose another output path`);
}

/** A file or folder that cannot be written, as an error that says so (not as a bug in corredor). */
export function cannotWrite(path: string, error: unknown, what = 'write this file'): CliError {
  const e = error as NodeJS.ErrnoException;
  const reason = e?.code ? `${e.code}: ${e.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')}` : String(error);
  const fix = e?.code === 'ENOSPC' || e?.code === 'EDQUOT' ? 'free some disk space and run again' : 'choose another output path (--out)';
  return new CliError(`${path}: cannot ${what} (${reason}); ${fix}`);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
