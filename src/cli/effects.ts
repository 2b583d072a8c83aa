import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cannotWrite, makeFolder } from '../core/makeFolder.js';

/**
 * Everything a command does to the outside world. Commands receive it as an argument, so tests
 * run them in memory and can see every byte written.
 */
export interface Effects {
  /** Data: what a user pipes into another program. */
  stdout(text: string): void;
  /** Status, progress and errors. */
  stderr(text: string): void;
  readText(file: string): string;
  /** Writes a whole file or nothing: a reader never sees half a file. */
  writeFileAtomic(file: string, data: string): void;
  readonly stderrIsTTY: boolean;
}

export function nodeEffects(): Effects {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readText: (file) => readFileSync(file, 'utf8'),
    writeFileAtomic,
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

/** Temporary file in the same folder, then rename: atomic on POSIX file systems. */
export function writeFileAtomic(file: string, data: string): void {
  makeFolder(dirname(file));
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw cannotWrite(file, error);
  }
}
