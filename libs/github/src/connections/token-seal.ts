import { Conflict, SecretBoxError, type SecretBox } from '@app/core';

/** The associated data that binds a sealed token to its connection: copied to another row, it does not open. */
const contextOf = (connectionId: string) => `github_connection:${connectionId}:access_token`;

export function sealToken(box: SecretBox, connectionId: string, token: string): string {
  return box.seal(token, contextOf(connectionId));
}

/** A token that does not open (key removed from the keyring, row tampered with) needs a reconnect, not a retry. */
export function openToken(box: SecretBox, connection: { id: string; tokenCiphertext: string }): string {
  try {
    return box.open(connection.tokenCiphertext, contextOf(connection.id));
  } catch (err) {
    if (!(err instanceof SecretBoxError)) throw err;
    throw Conflict('The stored access token cannot be decrypted; disconnect and connect the repository again', { connection_id: connection.id });
  }
}
