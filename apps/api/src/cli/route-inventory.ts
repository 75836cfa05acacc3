import 'reflect-metadata';
import { Module, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryModule, DiscoveryService, MetadataScanner, NestFactory, Reflector } from '@nestjs/core';
import { IS_PUBLIC } from '@app/core';
import { AUTHENTICATED_ONLY, REQUIRED_PERMISSION } from '@app/auth';
import { ApiModule } from '../api.module';

@Module({ imports: [ApiModule, DiscoveryModule] })
class InventoryModule {}

const join = (...parts: (string | undefined)[]) =>
  `/${parts.flatMap((p) => (p ?? '').split('/')).filter(Boolean).join('/')}`;

/**
 * Prints every HTTP route of the api with how it is protected: public, a permission, or
 * authenticated-only ("none" would be a bug). Used by the route inventory e2e test.
 */
async function main(): Promise<void> {
  const app = await NestFactory.create(InventoryModule, { logger: false });
  await app.init();
  const reflector = app.get(Reflector);
  const scanner = app.get(MetadataScanner);
  const routes: { method: string; path: string; access: string }[] = [];
  for (const wrapper of app.get(DiscoveryService).getControllers()) {
    const controller = wrapper.metatype as { prototype: object } | undefined;
    if (!controller || !wrapper.instance) continue;
    const base = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, object>)[name];
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const targets = [handler as () => void, controller as never];
      const permission = reflector.getAllAndOverride<string>(REQUIRED_PERMISSION, targets);
      const access = reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)
        ? 'public'
        : permission
          ? `permission:${permission}`
          : reflector.getAllAndOverride<boolean>(AUTHENTICATED_ONLY, targets)
            ? 'authenticated'
            : 'none';
      routes.push({ method: RequestMethod[method], path: join(base, Reflect.getMetadata(PATH_METADATA, handler)), access });
    }
  }
  process.stdout.write(`${JSON.stringify(routes)}\n`);
  await app.close();
  process.exit(0);
}

main().catch((err: Error) => {
  process.stderr.write(`route inventory failed: ${err.message}\n`);
  process.exit(1);
});
