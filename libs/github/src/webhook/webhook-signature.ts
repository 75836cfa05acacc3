type Verify = (secret: string, payload: string, signature: string) => Promise<boolean>;

let loaded: Promise<Verify> | undefined;

/** @octokit/webhooks-methods is ESM with no `require` export, so it is loaded once with import(). */
function octokitVerify(): Promise<Verify> {
  loaded ??= import('@octokit/webhooks-methods').then((m) => m.verify);
  return loaded;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Checks `X-Hub-Signature-256` over the exact bytes GitHub sent. The library takes a string, so the
 * bytes are decoded strictly: a body that is not valid UTF-8 (GitHub never sends one) could decode
 * to the same string as other bytes and is refused rather than verified.
 */
export async function verifyWebhookSignature(secret: string, body: Buffer, signature: string | undefined): Promise<boolean> {
  if (!signature || body.length === 0) return false;
  let payload: string;
  try {
    payload = strictUtf8.decode(body);
  } catch {
    return false;
  }
  return (await octokitVerify())(secret, payload, signature);
}
