/**
 * Words are maximal runs of letters or digits, lowercased after NFKC folding, so "JSON-RPC" gives
 * "json" and "rpc" and "HTTP/2" gives "http" and "2". The vocabulary of the local word vectors is
 * filtered with the same pattern (libs/knowledge/scripts/build-local-embeddings.cjs).
 */
const TOKEN_PATTERN = /[\p{L}\p{N}]+/gu;

export function tokenize(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(TOKEN_PATTERN) ?? [];
}
