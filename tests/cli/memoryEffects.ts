import type { Effects } from '../../src/cli/effects.js';

/** Effects that keep everything in memory: files to read, files written, and both streams. */
export function memoryEffects(files: Record<string, string> = {}) {
  const written = new Map<string, string>();
  const out: string[] = [];
  const err: string[] = [];
  const effects: Effects = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readText: (file) => {
      if (file in files) return files[file];
      const error = new Error(`ENOENT: ${file}`) as NodeJS.ErrnoException;
      error.code = 'ENOENT';
      throw error;
    },
    writeFileAtomic: (file, data) => void written.set(file, data),
    stderrIsTTY: false,
  };
  return { effects, written, stdout: () => out.join(''), stderr: () => err.join('') };
}
