import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfigModule, DatabaseModule } from '@app/core';
import { PasswordHasher, UserEntity, UsersService } from '@app/auth';

/** Just what creating a user needs (no Redis, no HTTP), so the CLI goes through UsersService's rules. */
@Module({
  imports: [AppConfigModule, DatabaseModule, TypeOrmModule.forFeature([UserEntity])],
  providers: [UsersService, { provide: PasswordHasher, useValue: new PasswordHasher() }],
})
export class AdminCliModule {}
