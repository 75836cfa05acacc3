import { Controller, Headers, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { ApiErrors, Public, RawBody, RawBodyBytes } from '@app/core';
import { GithubWebhookService, WebhookAcceptedDto } from '@app/github';

/** Called by GitHub, not by users: authenticated by the HMAC signature, not by a principal. */
@ApiTags('github')
@Controller('api/v1/github')
export class GithubWebhookController {
  constructor(private readonly webhooks: GithubWebhookService) {}

  @Post('webhook')
  @Public()
  // GitHub's largest delivery; the signature is computed over these exact bytes.
  @RawBody({ limit: '25mb' })
  // GitHub delivers from a few addresses; the signature, checked first, is what guards this route.
  @SkipThrottle({ principal: true })
  @ApiOperation({ summary: 'GitHub webhook: X-Hub-Signature-256 over the raw body; a push to a tracked branch queues syncs (202)' })
  @ApiHeader({ name: 'X-GitHub-Event', required: true })
  @ApiHeader({ name: 'X-GitHub-Delivery', required: true })
  @ApiHeader({ name: 'X-Hub-Signature-256', required: true })
  @ApiBody({ schema: { type: 'object', description: "GitHub's event payload (up to 25 MiB)" } })
  @ApiOkResponse({ type: WebhookAcceptedDto, description: 'ping' })
  @ApiAcceptedResponse({ type: WebhookAcceptedDto })
  @ApiErrors(401)
  async receive(
    @RawBodyBytes() body: Buffer,
    @Res({ passthrough: true }) res: Response,
    @Headers('x-github-event') event?: string,
    @Headers('x-github-delivery') delivery?: string,
    @Headers('x-hub-signature-256') signature?: string,
    @Headers('content-type') contentType?: string,
  ): Promise<WebhookAcceptedDto> {
    const answer = await this.webhooks.receive({ event, delivery, signature, contentType }, body);
    res.status(answer.status);
    return answer.body;
  }
}
