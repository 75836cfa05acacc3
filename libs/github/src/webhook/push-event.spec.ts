import examples from '@octokit/webhooks-examples';
import { parseDeliveryBody, trackedPush } from './push-event';

const pushes = (examples as { name: string; examples: Record<string, unknown>[] }[]).find((e) => e.name === 'push')!.examples;

describe('trackedPush on real payloads from @octokit/webhooks-examples', () => {
  it('reads the repository and branch of a branch push', () => {
    const branchPush = pushes.find((p) => p.ref === 'refs/heads/master' && p.deleted === false);
    expect(trackedPush(branchPush)).toEqual({ fullName: 'codertocat/hello-world', branch: 'master' });
  });

  it('ignores tag pushes and deleted refs', () => {
    for (const payload of pushes.filter((p) => p.ref !== 'refs/heads/master' || p.deleted === true)) {
      expect(trackedPush(payload)).toBeUndefined();
    }
  });

  it('ignores what is not a push', () => {
    for (const payload of [null, 42, {}, { ref: 'refs/heads/main' }, { ref: 'refs/heads/main', repository: { full_name: 7 } }]) {
      expect(trackedPush(payload)).toBeUndefined();
    }
  });
});

describe('parseDeliveryBody', () => {
  it('reads JSON and form deliveries, and refuses anything else with a 400', () => {
    const json = Buffer.from('{"ref":"refs/heads/main"}');
    expect(parseDeliveryBody(json)).toEqual({ ref: 'refs/heads/main' });
    const form = Buffer.from(`payload=${encodeURIComponent('{"zen":"Keep it logically awesome."}')}`);
    expect(parseDeliveryBody(form, 'application/x-www-form-urlencoded')).toEqual({ zen: 'Keep it logically awesome.' });
    expect(() => parseDeliveryBody(Buffer.from('Hello, World!'))).toThrow(expect.objectContaining({ status: 400 }));
  });
});
