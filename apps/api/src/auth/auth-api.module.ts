import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { ApiKeysController } from './api-keys.controller';
import { AuthController } from './auth.controller';

@Module({ imports: [AuthModule], controllers: [AuthController, ApiKeysController] })
export class AuthApiModule {}
