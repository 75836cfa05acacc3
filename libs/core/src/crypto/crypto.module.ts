import { Global, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { SecretBox } from './secret-box';

/** One SecretBox per process, keyed by ENCRYPTION_KEY (+ ENCRYPTION_KEYS_PREVIOUS); inject `SecretBox`. */
@Global()
@Module({
  providers: [{ provide: SecretBox, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new SecretBox(config.encryptionKey, config.previousEncryptionKeys) }],
  exports: [SecretBox],
})
export class CryptoModule {}
