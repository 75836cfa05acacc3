import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { Response } from 'express';
import { errorResponse } from '../docs/api-errors.decorator';
import { Public } from '../http/public.decorator';
import { LiveDto, ReadyDto } from './health.dto';
import { RedisHealthIndicator } from './redis.health';

/**
 * Shared by the api and the worker (both must answer /health), so it lives in core rather than in
 * one app.
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ type: LiveDto })
  live(): LiveDto {
    return { status: 'ok' };
  }

  @Get()
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis answer (503 naming what is down)' })
  @ApiOkResponse({ type: ReadyDto })
  @ApiResponse({
    status: 503,
    ...errorResponse(503, {
      status: 'error',
      detail: 'Service unavailable: redis down',
      error_code: 'SERVICE_UNAVAILABLE',
      checks: { database: 'up', redis: 'down' },
    }),
  })
  async ready(@Res({ passthrough: true }) res: Response) {
    const result = await this.health
      .check([() => this.database.pingCheck('database').withTimeout(1000), () => this.redis.pingCheck('redis')])
      .catch((err: { response?: { details?: Record<string, { status: string }> } }) => ({
        status: 'error' as const,
        details: err.response?.details ?? {},
      }));
    const checks = Object.fromEntries(Object.entries(result.details).map(([name, d]) => [name, d.status]));
    const down = Object.keys(checks).filter((name) => checks[name] === 'down');
    if (down.length === 0) return { status: 'ok', checks };
    res.status(503);
    return {
      status: 'error',
      detail: `Service unavailable: ${down.join(', ')} down`,
      error_code: 'SERVICE_UNAVAILABLE',
      checks,
    };
  }
}
