import { vi } from 'vitest';
import { SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RouteMetadata } from './route-metadata';

@SetMetadata('scope', 'class')
class Controller {
  @SetMetadata('scope', 'handler')
  withOwn() {}

  inherits() {}
}

describe('RouteMetadata', () => {
  const plain = new Reflector();

  it("answers what Reflector answers for a route, and reads each (route, key) once", () => {
    const metadata = new RouteMetadata();
    const read = vi.spyOn(Reflector.prototype, 'getAllAndOverride');
    for (const handler of [Controller.prototype.withOwn, Controller.prototype.inherits]) {
      for (const key of ['scope', 'absent']) {
        const expected = plain.getAllAndOverride(key, [handler, Controller]);
        expect(metadata.getAllAndOverride(key, [handler, Controller])).toBe(expected);
        expect(metadata.getAllAndOverride(key, [handler, Controller])).toBe(expected);
      }
    }
    // Four (route, key) pairs by the RouteMetadata, four by the plain Reflector above.
    expect(read).toHaveBeenCalledTimes(8);
    read.mockRestore();
  });

  it('keeps a handler shared by two controllers apart', () => {
    @SetMetadata('scope', 'other')
    class Other {}
    const metadata = new RouteMetadata();
    expect(metadata.getAllAndOverride('scope', [Controller.prototype.inherits, Controller])).toBe('class');
    expect(metadata.getAllAndOverride('scope', [Controller.prototype.inherits, Other])).toBe('other');
  });
});
