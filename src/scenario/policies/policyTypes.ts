import { checkpoint } from './checkpoint.js';
import { clandestineHazard } from './clandestineHazard.js';
import { closure } from './closure.js';
import { cordon } from './cordon.js';
import { deployment } from './deployment.js';
import { documentedEntry } from './documentedEntry.js';
import { highwayInspection } from './highwayInspection.js';
import type { PolicyType } from './policyType.js';
import { riverPatrol } from './riverPatrol.js';
import { shelter } from './shelter.js';
import { smugglerMarket } from './smugglerMarket.js';
import { trainEnforcement } from './trainEnforcement.js';

/** Every policy type, by the name scenario files use. Adding one means adding a module here. */
export const POLICY_TYPES: Readonly<Record<string, PolicyType>> = Object.freeze(
  Object.fromEntries(
    [checkpoint, cordon, riverPatrol, deployment, trainEnforcement, highwayInspection, closure, documentedEntry, shelter, smugglerMarket, clandestineHazard].map((t) => [t.type, t]),
  ),
);
