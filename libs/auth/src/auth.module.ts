import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { APP_CONFIG, REDIS, type AppConfig } from '@app/core';
import { ApiKeysService } from './api-keys/api-keys.service';
import { AuthenticationService } from './authentication.service';
import { ApiKeyEntity } from './entities/api-key.entity';
import { RefreshTokenEntity } from './entities/refresh-token.entity';
import { UserEntity } from './entities/user.entity';
import { AuthGuard } from './guards/auth.guard';
import { RouteMetadata } from './guards/route-metadata';
import { PasswordHasher } from './passwords/password-hasher';
import { AccountRevisions } from './principals/account-revisions';
import { CachedPrincipals } from './principals/cached-principals';
import { FailedAuthLimiter } from './rate-limit/failed-auth.limiter';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
import { rateLimitPolicy } from './rate-limit/rate-limit.policy';
import { RedisThrottlerStorage } from './rate-limit/redis-throttler.storage';
import { SessionsService } from './sessions.service';
import { JwtCodec } from './tokens/jwt-codec';
import { RefreshTokensService } from './tokens/refresh-tokens.service';
import { UserAdministrationService } from './users/user-administration.service';
import { UsersService } from './users/users.service';

/** Authentication: services, and the guards the api app registers globally (AuthGuard before RateLimitGuard). */
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, RefreshTokenEntity, ApiKeyEntity]),
    JwtModule.register({}),
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, REDIS],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: rateLimitPolicy(config),
        storage: new RedisThrottlerStorage(redis, config.queuePrefix),
      }),
    }),
  ],
  providers: [
    { provide: PasswordHasher, useValue: new PasswordHasher() },
    JwtCodec,
    UsersService,
    RefreshTokensService,
    ApiKeysService,
    AccountRevisions,
    CachedPrincipals,
    AuthenticationService,
    FailedAuthLimiter,
    SessionsService,
    UserAdministrationService,
    RouteMetadata,
    AuthGuard,
    RateLimitGuard,
  ],
  // The guards are built here (they need this module's services) and made global by the api app.
  exports: [AuthGuard, RateLimitGuard, AuthenticationService, FailedAuthLimiter, SessionsService, UsersService, UserAdministrationService, ApiKeysService, PasswordHasher],
})
export class AuthModule {}
