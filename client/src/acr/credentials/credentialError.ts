// The one error type of the credential layer. Its messages name files, helpers and registries but
// never carry a token or anything read from a credential store, so callers may show them as they are.

export type CredentialErrorCode =
  /** A config file is not JSON, or a key docker relies on has the wrong type. */
  | 'invalidConfig'
  /** A config file or its folder cannot be read or written. */
  | 'fileAccess'
  /** `docker-credential-<name>` is not on PATH or cannot be started. */
  | 'helperMissing'
  /** The helper ran and reported a failure. */
  | 'helperFailed'
  /** The helper did not answer in time (often a keychain waiting to be unlocked). */
  | 'helperTimeout'
  /** The token is larger than Windows Credential Manager can hold. */
  | 'tokenTooLarge';

export class CredentialError extends Error {
  override readonly name = 'CredentialError';

  constructor(
    readonly code: CredentialErrorCode,
    message: string,
  ) {
    super(message);
  }
}
