import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrors, Public } from '@app/core';
import { realtimeCredentials } from './realtime-credentials';
import { SubscriptionsService } from './subscriptions.service';

const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events: every `task_update` and `deployment_status` the caller is entitled to.
 * Authentication happens in the subscriptions service (EventSource cannot send headers, so
 * `?token=` is accepted), which is why the route is public to the guard. The stream ends when the
 * credentials expire or are revoked; EventSource then reconnects and gets the 401.
 */
@ApiTags('realtime')
@Controller('events')
export class EventsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Server-Sent Events stream of task_update and deployment_status events' })
  @ApiQuery({ name: 'token', required: false, description: 'Access token (EventSource cannot send headers)' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An endless stream: `event: task_update` / `deployment_status` with a JSON `data:` line, heartbeats as comments',
    content: { 'text/event-stream': { schema: { type: 'string' }, example: 'id: 1\nevent: task_update\ndata: {"type":"task_update","task_id":"…","status":"running","progress":40}\n\n' } },
  })
  @ApiErrors(401, 429)
  async stream(@Req() req: Request, @Res() res: Response): Promise<void> {
    const session = await this.subscriptions.open(
      realtimeCredentials(req),
      {
        kind: 'sse',
        send: (event, message) => res.write(`id: ${message.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`),
        end: () => res.end(),
      },
      { everything: true },
    );
    if (req.socket.destroyed) return this.subscriptions.close(session);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write(': connected\n\n');
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      this.subscriptions.close(session);
    });
  }
}
