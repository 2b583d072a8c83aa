import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitCommit } from '../../src/batch/manifest.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

/** A checkout's .git folder as git lays it out: HEAD on a branch, one loose ref, one packed. */
function repository(): string {
  const root = mkdtempSync(join(tmpdir(), 'corredor-git-'));
  mkdirSync(join(root, '.git', 'refs', 'heads'), { recursive: true });
  writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(root, '.git', 'refs', 'heads', 'main'), `${A}\n`);
  writeFileSync(join(root, '.git', 'packed-refs'), `# pack-refs with: peeled fully-peeled sorted\n${C} refs/heads/packed\n`);
  return root;
}

/** A linked worktree of `root`, as `git worktree add` makes it, with HEAD as given. */
function worktree(root: string, head: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'corredor-worktree-'));
  const own = join(root, '.git', 'worktrees', 'wt');
  mkdirSync(own, { recursive: true });
  writeFileSync(join(own, 'HEAD'), `${head}\n`);
  writeFileSync(join(own, 'commondir'), '../..\n');
  writeFileSync(join(dir, '.git'), `gitdir: ${own}\n`);
  return dir;
}

describe('gitCommit', () => {
  it('should read the commit of a checkout on a branch, loose or packed', () => {
    const root = repository();
    expect(gitCommit(root)).toBe(A);
    writeFileSync(join(root, '.git', 'HEAD'), 'ref: refs/heads/packed\n');
    expect(gitCommit(root)).toBe(C);
  });

  it('should read the commit of a linked worktree, detached or on a branch of the main repository', () => {
    const root = repository();
    expect(gitCommit(worktree(root, B))).toBe(B);
    expect(gitCommit(worktree(root, 'ref: refs/heads/packed'))).toBe(C);
  });

  it('should give null where there is no repository, or an unreadable one', () => {
    expect(gitCommit(mkdtempSync(join(tmpdir(), 'corredor-nogit-')))).toBeNull();
    const dir = mkdtempSync(join(tmpdir(), 'corredor-badgit-'));
    writeFileSync(join(dir, '.git'), 'not a gitdir line\n');
    expect(gitCommit(dir)).toBeNull();
  });
});
