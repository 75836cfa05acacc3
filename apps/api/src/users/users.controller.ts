import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, UuidParamPipe } from '@app/core';
import {
  ListUsersQueryDto,
  PasswordResetDto,
  RequirePermission,
  ResetPasswordDto,
  UpdateUserDto,
  UserAdministrationService,
  UserPageDto,
  UserViewDto,
} from '@app/auth';

@ApiTags('users')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly admin: UserAdministrationService) {}

  @Get()
  @RequirePermission('users:admin')
  @ApiOperation({ summary: 'List accounts (admin), filtered by role, active state or a username/email match' })
  @ApiOkResponse({ type: UserPageDto })
  list(@Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    return this.admin.list(query);
  }

  @Get(':id')
  @RequirePermission('users:admin')
  @ApiOperation({ summary: 'One account (admin)' })
  @ApiOkResponse({ type: UserViewDto })
  @ApiErrors(404)
  get(@Param('id', UuidParamPipe) id: string): Promise<UserViewDto> {
    return this.admin.get(id);
  }

  @Patch(':id')
  @RequirePermission('users:admin')
  @ApiOperation({ summary: "Change an account's role or deactivate/reactivate it (admin); its refresh tokens are revoked" })
  @ApiOkResponse({ type: UserViewDto })
  @ApiErrors(404, 409)
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateUserDto): Promise<UserViewDto> {
    return this.admin.update(id, dto);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @RequirePermission('users:admin')
  @ApiOperation({ summary: "Set a new password for an account (admin); its refresh tokens are revoked" })
  @ApiOkResponse({ type: PasswordResetDto })
  @ApiErrors(404)
  async resetPassword(@Param('id', UuidParamPipe) id: string, @Body() dto: ResetPasswordDto): Promise<PasswordResetDto> {
    await this.admin.resetPassword(id, dto.new_password);
    return { message: 'Password reset', user_id: id };
  }
}
