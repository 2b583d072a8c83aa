import { readFileSync } from 'node:fs';
import { CliError, InputError } from '../core/errors.js';
import { buildGraph } from './buildGraph.js';
import { findUnreachableOrigins } from './findUnreachableOrigins.js';
import type { Network } from './network.js';
import { parseNetwork } from './parseNetwork.js';

export interface LoadNetworkOptions {
  /** Read the file; defaults to the disk (tests pass an in-memory reader). */
  readonly readText?: (file: string) => string;
  /**
   * When false, origins that reach no destination are left for the caller to report (the
   * `network` command prints them in its summary). Default true: they are an error.
   */
  readonly requireReachable?: boolean;
}

/** Reads, validates and, by default, checks that every origin reaches a destination. */
export function loadNetwork(file: string, options: LoadNetworkOptions = {}): Network {
  const text = readInput(file, options.readText);
  const network = parseNetwork(text, file);
  if (options.requireReachable ?? true) {
    const unreachable = findUnreachableOrigins(network, buildGraph(network));
    if (unreachable.length > 0) {
      throw new InputError(
        unreachable.map((id) => ({
          file,
          where: `place ${JSON.stringify(id)}`,
          message: 'this origin reaches no destination; add links (or fix one-way links) so a path exists',
        })),
      );
    }
  }
  return network;
}

/** Reads a text input file, turning file-system failures into messages a user can act on. */
export function readInput(file: string, readText?: (file: string) => string): string {
  try {
    return readText ? readText(file) : readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliError(`${file}: no such file; check the path (relative paths start from ${process.cwd()})`);
    if (code === 'EISDIR') throw new CliError(`${file}: is a folder; expected a file`);
    if (code === 'EACCES') throw new CliError(`${file}: permission denied`);
    throw error;
  }
}
