import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsFutureDate, Nullable } from '@app/core';
import { IsDateString, IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';

export const USERNAME_PATTERN = /^[A-Za-z0-9_.-]+$/;
/** Roles anyone may pick at registration; admins are made by an admin or the CLI. */
export const SELF_SERVICE_ROLES = ['developer', 'viewer'] as const;

export class RegisterDto {
  @ApiProperty({ example: 'developer', pattern: USERNAME_PATTERN.source, minLength: 3, maxLength: 64 })
  @IsString()
  @Length(3, 64)
  @Matches(USERNAME_PATTERN)
  username: string;

  @ApiProperty({ example: 'dev@example.com' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'SecurePassword123!', minLength: 8, maxLength: 128 })
  @IsString()
  @Length(8, 128)
  password: string;

  @ApiPropertyOptional({ enum: SELF_SERVICE_ROLES, default: 'developer' })
  @IsOptional()
  @IsIn(SELF_SERVICE_ROLES)
  role?: (typeof SELF_SERVICE_ROLES)[number];
}

export class LoginDto {
  @ApiProperty({ example: 'developer' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: 'SecurePassword123!' })
  @IsString()
  @Length(1, 128)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @Length(1, 4096)
  refresh_token: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ example: 'Production API Key', maxLength: 255 })
  @IsString()
  @Length(1, 255)
  name: string;

  @ApiPropertyOptional({
    example: '2030-12-31T23:59:59Z',
    format: 'date-time',
    nullable: true,
    description: 'Must be in the future (422 otherwise); absent or null: never expires',
  })
  @IsOptional()
  @Nullable()
  @IsDateString({ strict: true })
  @IsFutureDate()
  expires_at?: string | null;
}
