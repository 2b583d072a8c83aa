import type { Overrides } from '../scenario/applyOverrides.js';
import type { ParsedArgs } from './command.js';

/** The scenario override flags every scenario command takes. */
export const OVERRIDE_OPTIONS = {
  enable: { type: 'string', multiple: true },
  disable: { type: 'string', multiple: true },
  set: { type: 'string', multiple: true },
} as const;

export const OVERRIDE_HELP = `  --enable ID        switch a policy on (repeatable)
  --disable ID       switch a policy off (repeatable)
  --set PATH=VALUE   change any field, e.g. --set behaviour.detention_days=5,
                     --set policies.isthmus-cordon.interception=0.3 (repeatable)`;

export function overridesFrom(args: ParsedArgs): Overrides {
  return {
    enable: (args.values.enable as string[] | undefined) ?? [],
    disable: (args.values.disable as string[] | undefined) ?? [],
    set: (args.values.set as string[] | undefined) ?? [],
  };
}
