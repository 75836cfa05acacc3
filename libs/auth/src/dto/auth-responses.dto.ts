import { ApiProperty } from '@nestjs/swagger';
import { PageOf } from '@app/core';
import { ROLES, type Role } from '../permissions';

export class UserViewDto {
  @ApiProperty({ format: 'uuid', example: '550e8400-e29b-41d4-a716-446655440000' })
  id: string;

  @ApiProperty({ example: 'developer' })
  username: string;

  @ApiProperty({ example: 'dev@example.com' })
  email: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty()
  is_active: boolean;

  @ApiProperty({ type: String, format: 'date-time' })
  created_at: Date;
}

export class UserPageDto extends PageOf(UserViewDto) {}

export class PasswordResetDto {
  @ApiProperty({ example: 'Password reset' })
  message: string;

  @ApiProperty({ format: 'uuid' })
  user_id: string;
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer`, valid 15 minutes' })
  access_token: string;

  @ApiProperty({ description: 'Single use: refreshing rotates it; reuse revokes the whole family' })
  refresh_token: string;

  @ApiProperty({ enum: ['bearer'] })
  token_type: 'bearer';

  @ApiProperty({ type: 'integer', description: 'Seconds until the access token expires', example: 900 })
  expires_in: number;
}

export class ApiKeyCreatedDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Production API Key' })
  name: string;

  @ApiProperty({ description: 'The key itself, shown only in this answer', example: 'mcp_live_1234567890abcdef' })
  key: string;

  @ApiProperty({ type: String, format: 'date-time' })
  created_at: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expires_at: Date | null;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Production API Key' })
  name: string;

  @ApiProperty({ description: 'The first characters of the key, to recognise it', example: 'mcp_live_123' })
  prefix: string;

  @ApiProperty({ type: String, format: 'date-time' })
  created_at: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expires_at: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_used_at: Date | null;
}

export class ApiKeyListDto {
  @ApiProperty({ type: [ApiKeyDto] })
  items: ApiKeyDto[];
}
