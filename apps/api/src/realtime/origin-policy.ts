import { Inject, Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { APP_CONFIG, type AppConfig } from '@app/core';

/**
 * Which browser pages may open a realtime connection: the api's own origin (the Host it was reached
 * at, or PUBLIC_BASE_URL) and the CORS_ORIGINS allowlist. Browsers always send `Origin` on
 * WebSocket handshakes and cross-origin requests; clients that are not browsers send none and are
 * authenticated like any API client.
 */
@Injectable()
export class OriginPolicy {
  private readonly allowed: ReadonlySet<string>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.allowed = new Set([...config.corsOrigins, new URL(config.publicBaseUrl).origin]);
  }

  allows(headers: IncomingHttpHeaders): boolean {
    const origin = headers.origin;
    if (origin === undefined) return true;
    if (this.allowed.has(origin)) return true;
    try {
      return new URL(origin).host === headers.host;
    } catch {
      return false;
    }
  }
}
