// The command table as the per-command checks read it: copies of the entries of language/commands.ts
// that all spell out every key. The entries are object literals with different optional keys, so
// each has its own hidden class, and a read such as `spec.feature` over every command of a file is
// megamorphic (slow); the copies share one class per kind (command, flag, arity).
import { COMMANDS, type Arity, type CommandSpec, type FlagSpec } from '../../../language/commands';

/** Every key of `T`, unset: spread first, it fixes the keys and their order. */
type AllKeys<T> = { readonly [K in keyof Required<T>]: undefined };

const COMMAND_KEYS: AllKeys<CommandSpec> = {
  name: undefined,
  args: undefined,
  block: undefined,
  clauseOf: undefined,
  flags: undefined,
  doc: undefined,
  synopsis: undefined,
  arity: undefined,
  syntax: undefined,
  feature: undefined,
  alsoFeatures: undefined,
  wildcardFeature: undefined,
  placement: undefined,
  body: undefined,
  deprecated: undefined,
  unsupported: undefined,
  rejected: undefined,
  literalArgs: undefined,
};

const FLAG_KEYS: AllKeys<FlagSpec> = {
  name: undefined,
  kind: undefined,
  doc: undefined,
  deprecated: undefined,
  obsolete: undefined,
  feature: undefined,
  alsoFeatures: undefined,
  requiresFlags: undefined,
  values: undefined,
  default: undefined,
  placement: undefined,
  ignored: undefined,
};

const ARITY_KEYS: AllKeys<Arity> = { min: undefined, max: undefined, minWithFlag: undefined };

// A Map: keyword texts are slices of the source, and a Map looks them up without interning them.
const BY_NAME: ReadonlyMap<string, CommandSpec> = new Map(
  COMMANDS.map((c): [string, CommandSpec] => [
    c.name,
    {
      ...COMMAND_KEYS,
      ...c,
      arity: { ...ARITY_KEYS, ...c.arity },
      flags: c.flags.map((f): FlagSpec => ({ ...FLAG_KEYS, ...f })),
    },
  ]),
);

/** The command whose keyword text is exactly `name`, as `commandByName` gives it, in the uniform shape. */
export function checkedCommand(name: string): CommandSpec | undefined {
  return BY_NAME.get(name);
}
