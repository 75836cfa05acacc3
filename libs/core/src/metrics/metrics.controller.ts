import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { Response } from 'express';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Unauthorized } from '../errors/domain-errors';
import { Public } from '../http/public.decorator';

function sameSecret(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus scrape endpoint of both processes. With METRICS_TOKEN set it needs
 * `Authorization: Bearer <token>` (Prometheus' `authorization` scrape option); user credentials
 * never open it, hence @Public for the user guard.
 */
@ApiExcludeController()
@Public()
@Controller()
export class MetricsController extends PrometheusController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
  }

  @Get()
  override async index(@Res({ passthrough: true }) response: Response, @Headers('authorization') authorization?: string): Promise<string> {
    const token = this.config.metricsToken;
    const given = /^bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim() ?? '';
    if (token && !sameSecret(given, token)) throw Unauthorized('Metrics require the METRICS_TOKEN bearer token');
    return super.index(response);
  }
}
