import { createHmac } from 'node:crypto';
import { verifyWebhookSignature } from './webhook-signature';

// https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
const DOCUMENTED = {
  secret: "It's a Secret to Everybody",
  payload: 'Hello, World!',
  signature: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
};

describe('verifyWebhookSignature', () => {
  it("verifies GitHub's documented example", async () => {
    expect(await verifyWebhookSignature(DOCUMENTED.secret, Buffer.from(DOCUMENTED.payload), DOCUMENTED.signature)).toBe(true);
  });

  it('refuses another payload, another secret, a missing or a sha1 signature', async () => {
    const body = Buffer.from(DOCUMENTED.payload);
    expect(await verifyWebhookSignature(DOCUMENTED.secret, Buffer.from('Hello, World?'), DOCUMENTED.signature)).toBe(false);
    expect(await verifyWebhookSignature('another secret', body, DOCUMENTED.signature)).toBe(false);
    expect(await verifyWebhookSignature(DOCUMENTED.secret, body, undefined)).toBe(false);
    expect(await verifyWebhookSignature(DOCUMENTED.secret, body, 'sha1=0000')).toBe(false);
    expect(await verifyWebhookSignature(DOCUMENTED.secret, Buffer.alloc(0), DOCUMENTED.signature)).toBe(false);
  });

  it('refuses bytes that are not UTF-8 even when signed, rather than verify a lossy decoding', async () => {
    const bytes = Buffer.from([0x7b, 0xff, 0x7d]);
    const signature = `sha256=${createHmac('sha256', DOCUMENTED.secret).update(bytes).digest('hex')}`;
    expect(await verifyWebhookSignature(DOCUMENTED.secret, bytes, signature)).toBe(false);
  });
});
