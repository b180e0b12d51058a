// The language service over one document given as a string, in a workspace with no other files.
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service';
import { DEFAULT_SETTINGS, type EarthlySettings } from '../../../shared/src/settings';

/** The diagnostics of `text` opened as `uri`: by default an untitled document, which names no file. */
export function diagnostics(
  text: string,
  settings: EarthlySettings['diagnostics'] = DEFAULT_SETTINGS.diagnostics,
  uri = 'untitled:Earthfile',
): Diagnostic[] {
  const service = createLanguageService({ readFile: () => undefined, exists: () => false }, { settings: { ...DEFAULT_SETTINGS, diagnostics: settings } });
  service.openDocument(uri, 1, text);
  return service.diagnostics(uri);
}
