import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { PageQueryDto } from '@app/core';
import { ROLES, type Role } from '../../permissions';

export class ListUsersQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only active (true) or deactivated (false) accounts' })
  @IsOptional()
  @IsIn(['true', 'false'])
  is_active?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Case-insensitive match on username or email', maxLength: 320 })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  q?: string;
}

/** What an admin may change on an account; at least one field. */
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'false deactivates the account (tokens, keys and sockets stop working); true reactivates it' })
  @IsOptional()
  @IsBoolean()
  is_active?: boolean;
}

export class ResetPasswordDto {
  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @Length(8, 128)
  new_password: string;
}

export class ChangePasswordDto {
  @ApiProperty({ maxLength: 128 })
  @IsString()
  @Length(1, 128)
  current_password: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @Length(8, 128)
  new_password: string;
}
