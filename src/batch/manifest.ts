import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageInfo } from '../core/packageInfo.js';

/** What a results folder records about how it was made, so anyone can rerun and compare. */
export interface Manifest {
  corredor: string;
  gitCommit: string | null;
  scenarios: { label: string; file: string; hash: string }[];
  seed: number;
  runs: number;
  replicates: { first: number; count: number; shard: string | null };
  streams: 'common' | 'independent';
  workers: number;
  node: string;
  wallSeconds: number;
  /**
   * CPU time of the whole process over the same span, every thread counted: the workers, V8's
   * helper threads (which compile the workers' optimised code and collect garbage beside
   * them) and the main thread. Over wallSeconds it is the number of cores the batch kept busy.
   * Null when merged from shards that did not record it.
   */
  cpuSeconds: number | null;
}

/**
 * The commit of corredor's own checkout (`root`), read from .git without running git; null if
 * none. In a linked worktree (`git worktree add`) .git is a file naming the worktree's own
 * folder, which holds its HEAD, while branches live in the main repository's folder.
 */
export function gitCommit(root: string = packageInfo().root): string | null {
  try {
    let git = join(root, '.git');
    if (!existsSync(git)) return null;
    let common = git;
    if (statSync(git).isFile()) {
      const named = /^gitdir:\s*(.+)$/m.exec(readFileSync(git, 'utf8'));
      if (!named) return null;
      git = resolve(root, named[1].trim());
      const commondir = join(git, 'commondir');
      common = existsSync(commondir) ? resolve(git, readFileSync(commondir, 'utf8').trim()) : git;
    }
    const head = readFileSync(join(git, 'HEAD'), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    const ref = head.slice(5);
    const loose = join(common, ref);
    if (existsSync(loose)) return readFileSync(loose, 'utf8').trim();
    const packed = join(common, 'packed-refs');
    if (existsSync(packed)) {
      const line = readFileSync(packed, 'utf8').split('\n').find((l) => l.endsWith(' ' + ref));
      if (line) return line.split(' ')[0];
    }
    return null;
  } catch {
    return null;
  }
}

export function corredorVersion(): string {
  return packageInfo().version;
}
