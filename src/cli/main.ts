#!/usr/bin/env node
import { nodeEffects } from './effects.js';
import { runCli } from './runCli.js';

process.exitCode = await runCli(process.argv.slice(2), nodeEffects());
