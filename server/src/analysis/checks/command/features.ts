// Commands, flags and glob references that need a VERSION feature flag (reference §4, §6, §9).
import { flagOf, flagSpelling } from '../../../language/commands';
import type { Range } from '../../../parser';
import type { RuleSpec } from '../check';
import { acceptedVersion, enableFeatureFixes, featureOrigin } from './edits';
import { globReference } from './globs';
import type { CommandSite } from './site';
import type { Fix } from '../finding';

export const FEATURE_RULES: Readonly<Record<string, RuleSpec>> = {
  'E-feature-required': {
    severity: 'error',
    summary: 'A command or flag that needs a VERSION feature flag, or a newer VERSION, than the Earthfile declares.',
  },
};

/** Another way out than enabling the feature: the older spelling of the same thing. */
const ALTERNATIVES: Readonly<Record<string, { readonly title: string; readonly newText: string }>> = {
  FUNCTION: { title: 'Replace FUNCTION with COMMAND', newText: 'COMMAND' },
};

export function checkFeatures(site: CommandSite): void {
  const { command, spec, state } = site;
  if (!state.gated) return;
  const { features } = site.context.model;
  if (spec.feature && !allOn(features, spec.feature, spec.alsoFeatures)) {
    const alternative = ALTERNATIVES[spec.name];
    const extra: Fix[] = alternative ? [{ title: alternative.title, edits: [{ range: command.keyword.range, newText: alternative.newText }] }] : [];
    for (const feature of [spec.feature, ...(spec.alsoFeatures ?? [])]) require(site, feature, command.keyword.range, `the ${spec.name} command`, extra);
  }
  if (spec.literalArgs) return;
  for (const flag of command.flags) {
    const flagSpec = flagOf(spec, flag.name);
    if (!flagSpec?.feature || flagSpec.obsolete || allOn(features, flagSpec.feature, flagSpec.alsoFeatures)) continue;
    for (const feature of [flagSpec.feature, ...(flagSpec.alsoFeatures ?? [])]) require(site, feature, flag.nameRange, `${spec.name} ${flagSpelling(flagSpec)}`);
  }
  if (spec.wildcardFeature) {
    const glob = globReference(site);
    if (glob) require(site, spec.wildcardFeature, glob.range, `a glob target reference in ${spec.name}`);
  }
}

/** Whether `feature` and the `also` features are all on: checked first, so a command that passes builds no message. */
function allOn(features: ReadonlySet<string>, feature: string, also: readonly string[] | undefined): boolean {
  if (!features.has(feature)) return false;
  if (also) for (const f of also) if (!features.has(f)) return false;
  return true;
}

function require(site: CommandSite, feature: string, range: Range, what: string, extra: readonly Fix[] = []): void {
  const { model } = site.context;
  if (model.features.has(feature)) return;
  site.context.report(
    'E-feature-required',
    range,
    `${what} is not enabled by VERSION ${acceptedVersion(model)}: it needs the feature flag --${feature} (${featureOrigin(feature)}).`,
    { fixes: [...enableFeatureFixes(model, feature), ...extra] },
  );
}
