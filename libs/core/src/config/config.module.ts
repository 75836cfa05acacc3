import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';

/** Injection token for the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

let cached: AppConfig | undefined;

/** The process-wide config, validated on first use (main.ts calls it before Nest boots). */
export function appConfig(): AppConfig {
  cached ??= loadConfig();
  return cached;
}

@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: appConfig }],
  exports: [APP_CONFIG],
})
export class AppConfigModule {}
