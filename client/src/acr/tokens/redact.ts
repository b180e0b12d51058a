// Masks secrets in any text bound for a log, a notification or an error: tokens must never leave the
// places they are stored in, even when a helper program or a server echoes them back to us.
import { errorMessage } from '../../../../shared/src/errorMessage';

const MASK = '***';

/** JWTs, including the `sanitized.<payload>.sanitized` shape of recorded tokens: a segment starting `eyJ` (`{"`). */
const JWT = /[A-Za-z0-9_-]*\.?eyJ[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){1,2}/g;
/** Names under which docker config files, helpers and token endpoints carry secrets. */
const SECRET_FIELDS = 'auth|identitytoken|registrytoken|password|secret|refresh_token|access_token|token';
const JSON_FIELD = new RegExp(`("(?:${SECRET_FIELDS})"\\s*:\\s*")((?:[^"\\\\]|\\\\.)+)(")`, 'gi');
const FORM_FIELD = new RegExp(`\\b((?:${SECRET_FIELDS})=)([^&\\s"']+)`, 'gi');
/** Credentials in HTTP Authorization headers; the length floor spares challenges such as `Bearer realm=`. */
const AUTHORIZATION = /\b(Basic|Bearer)(\s+)[A-Za-z0-9+/=._~-]{16,}/gi;
/** Shorter strings are too likely to occur by chance to be masked wherever they appear. */
const MIN_KNOWN_SECRET_LENGTH = 8;

/** `text` with JWTs, secret-valued fields, Authorization credentials and each of `knownSecrets` replaced by `***`. */
export function redact(text: string, knownSecrets: readonly string[] = []): string {
  let result = text;
  for (const secret of knownSecrets) {
    if (secret.length >= MIN_KNOWN_SECRET_LENGTH) result = result.split(secret).join(MASK);
  }
  return result
    .replace(JWT, MASK)
    .replace(JSON_FIELD, `$1${MASK}$3`)
    .replace(FORM_FIELD, `$1${MASK}`)
    .replace(AUTHORIZATION, `$1$2${MASK}`);
}

/** The message of `error` (anything thrown), redacted like {@link redact}. */
export function describeError(error: unknown, knownSecrets: readonly string[] = []): string {
  const message = errorMessage(error);
  return redact(message, knownSecrets);
}
