// The extension's settings under `earthly.`, as the server reads them, validated: a wrong value in
// settings.json falls back to the default instead of breaking the server.

export type Flavor = 'earthly' | 'earthbuild';
export type SeverityOverride = 'error' | 'warning' | 'information' | 'hint' | 'off';
/** The formatter's indentation: a number of spaces, a tab, or what the editor says (`insertSpaces`, `tabSize`). */
export type FormatIndent = number | 'tab' | 'editor';

/** The widest indentation unit the formatter writes, in spaces. */
export const MAX_INDENT = 16;

export interface EarthlySettings {
  readonly diagnostics: {
    readonly enable: boolean;
    /** Per rule code (e.g. `W-deprecated-flag`): a severity, or `off`. */
    readonly severity: Readonly<Record<string, SeverityOverride>>;
  };
  readonly flavor: Flavor;
  readonly format: { readonly indent: FormatIndent };
}

export const DEFAULT_SETTINGS: EarthlySettings = { diagnostics: { enable: true, severity: {} }, flavor: 'earthly', format: { indent: 4 } };

const SEVERITIES: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];
const FLAVORS: readonly string[] = ['earthly', 'earthbuild'];

/** A number of spaces the formatter can indent by. */
export function isIndentSize(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_INDENT;
}

function parseIndent(value: unknown): FormatIndent {
  if (isIndentSize(value) || value === 'tab' || value === 'editor') return value;
  return DEFAULT_SETTINGS.format.indent;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `earthly` configuration section as settings, ignoring values of the wrong type. */
export function parseSettings(raw: unknown): EarthlySettings {
  const section = isRecord(raw) ? raw : {};
  const diagnostics = isRecord(section.diagnostics) ? section.diagnostics : {};
  const severity = isRecord(diagnostics.severity) ? diagnostics.severity : {};
  const format = isRecord(section.format) ? section.format : {};
  return {
    diagnostics: {
      enable: typeof diagnostics.enable === 'boolean' ? diagnostics.enable : DEFAULT_SETTINGS.diagnostics.enable,
      severity: Object.fromEntries(
        Object.entries(severity).filter((entry): entry is [string, SeverityOverride] => SEVERITIES.includes(String(entry[1]))),
      ),
    },
    flavor: typeof section.flavor === 'string' && FLAVORS.includes(section.flavor) ? (section.flavor as Flavor) : DEFAULT_SETTINGS.flavor,
    format: { indent: parseIndent(format.indent) },
  };
}
