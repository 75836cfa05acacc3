import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';
import { environmentWithDotEnv } from './dotenv';

/** Injection token for the validated AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');

let cached: AppConfig | undefined;

/** The process-wide config from the environment and `.env`, validated on first use (before Nest boots). */
export function appConfig(): AppConfig {
  cached ??= loadConfig(environmentWithDotEnv());
  return cached;
}

@Global()
@Module({
  providers: [{ provide: APP_CONFIG, useFactory: appConfig }],
  exports: [APP_CONFIG],
})
export class AppConfigModule {}
