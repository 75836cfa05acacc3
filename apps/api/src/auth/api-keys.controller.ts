import { Body, Controller, Delete, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, DeletedDto, Idempotent, UuidParamPipe } from '@app/core';
import {
  ApiKeyCreatedDto,
  ApiKeyListDto,
  ApiKeysService,
  Authenticated,
  CreateApiKeyDto,
  CurrentUser,
  type AuthUser,
} from '@app/auth';

@ApiTags('auth')
@Authenticated()
@Controller('api/v1/auth/api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeysService) {}

  @Post()
  @Idempotent()
  @ApiOperation({ summary: 'Create an API key; the key is shown once, only its hash is stored' })
  @ApiCreatedResponse({ type: ApiKeyCreatedDto })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateApiKeyDto): Promise<ApiKeyCreatedDto> {
    const { row, key } = await this.keys.create(user.id, dto.name, dto.expires_at ? new Date(dto.expires_at) : null);
    return { id: row.id, name: row.name, key, created_at: row.createdAt, expires_at: row.expiresAt };
  }

  @Get()
  @ApiOperation({ summary: 'Your API keys (display prefix only, never the secret)' })
  @ApiOkResponse({ type: ApiKeyListDto })
  async list(@CurrentUser() user: AuthUser): Promise<ApiKeyListDto> {
    const rows = await this.keys.list(user.id);
    return {
      items: rows.map((r) => ({ id: r.id, name: r.name, prefix: r.prefix, created_at: r.createdAt, expires_at: r.expiresAt, last_used_at: r.lastUsedAt })),
    };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke an API key' })
  @ApiOkResponse({ type: DeletedDto })
  @ApiErrors(404)
  async revoke(@CurrentUser() user: AuthUser, @Param('id', UuidParamPipe) id: string): Promise<DeletedDto> {
    await this.keys.revoke(user.id, id);
    return { message: 'API key revoked successfully', id };
  }
}
