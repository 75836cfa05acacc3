import { nextVersionRule } from './next-version-rule';

describe('nextVersionRule', () => {
  it('needs a greater version for a config change', () => {
    expect(nextVersionRule('1.0.0', '1.0.0', true)).toMatchObject({ allowed: false });
    expect(nextVersionRule('1.0.0', '1.0.1', true)).toEqual({ allowed: true });
    expect(nextVersionRule('1.9.0', '1.10.0', true)).toEqual({ allowed: true });
  });

  it('never lets a version go backwards, and keeps it for metadata changes', () => {
    expect(nextVersionRule('1.10.0', '1.9.0', false)).toMatchObject({ allowed: false, reason: expect.stringContaining('lower') });
    expect(nextVersionRule('2.0.0', '2.0.0', false)).toEqual({ allowed: true });
  });
});
