/** Where an agent is in its journey. Every agent is in exactly one state at every step. */
export const NOT_YET = 0; // has not set out yet (its arrival day is in the future)
export const IN_TRANSIT = 1; // travelling, or waiting at a place for a way on
export const DETAINED = 2; // in custody after an interception
export const ARRIVED = 3;
export const DEAD = 4;
export const GAVE_UP = 5;
export const STATE_COUNT = 6;

/** Events counted by place, link, state and year. */
export const EVENTS = ['apprehension', 'deportation', 'robbery', 'injury', 'death'] as const;
export type EventKind = (typeof EVENTS)[number];
export const APPREHENSION = 0;
export const DEPORTATION = 1;
export const ROBBERY = 2;
export const INJURY = 3;
export const DEATH = 4;
