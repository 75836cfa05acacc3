import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '@app/core';
import { ListUsersQueryDto, RequirePermission, ResetPasswordDto, UpdateUserDto, UserAdministrationService } from '@app/auth';

@ApiTags('users')
@ApiBearerAuth('bearer')
@ApiSecurity('api-key')
@Controller('api/v1/users')
export class UsersController {
  constructor(private readonly admin: UserAdministrationService) {}

  @Get()
  @RequirePermission('users:admin')
  @ApiOperation({ summary: 'List accounts (admin), filtered by role, active state or a username/email match' })
  list(@Query() query: ListUsersQueryDto) {
    return this.admin.list(query);
  }

  @Get(':id')
  @RequirePermission('users:admin')
  @ApiOperation({ summary: 'One account (admin)' })
  get(@Param('id', UuidParamPipe) id: string) {
    return this.admin.get(id);
  }

  @Patch(':id')
  @RequirePermission('users:admin')
  @ApiOperation({ summary: "Change an account's role or deactivate/reactivate it (admin); its refresh tokens are revoked" })
  update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateUserDto) {
    return this.admin.update(id, dto);
  }

  @Post(':id/reset-password')
  @HttpCode(200)
  @RequirePermission('users:admin')
  @ApiOperation({ summary: "Set a new password for an account (admin); its refresh tokens are revoked" })
  async resetPassword(@Param('id', UuidParamPipe) id: string, @Body() dto: ResetPasswordDto) {
    await this.admin.resetPassword(id, dto.new_password);
    return { message: 'Password reset', user_id: id };
  }
}
