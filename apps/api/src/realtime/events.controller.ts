import { Controller, Get, OnModuleDestroy, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrors, Public } from '@app/core';
import { RealtimeAuth } from './realtime-auth';
import { entitled, SubscriberRegistry } from './subscriber-registry';

const HEARTBEAT_MS = 15_000;

/**
 * Server-Sent Events: every `task_update` and `deployment_status` the caller is entitled to.
 * Authentication happens here (EventSource cannot send headers, so `?token=` is accepted), which
 * is why the route is public to the guard.
 */
@ApiTags('realtime')
@Controller('events')
export class EventsController implements OnModuleDestroy {
  private readonly open = new Set<Response>();

  constructor(
    private readonly auth: RealtimeAuth,
    private readonly registry: SubscriberRegistry,
  ) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Server-Sent Events stream of task_update and deployment_status events' })
  @ApiQuery({ name: 'token', required: false, description: 'Access token (EventSource cannot send headers)' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An endless stream: `event: task_update` / `deployment_status` with a JSON `data:` line, heartbeats as comments',
    content: { 'text/event-stream': { schema: { type: 'string' }, example: 'id: 1\nevent: task_update\ndata: {"type":"task_update","task_id":"…","status":"running","progress":40}\n\n' } },
  })
  @ApiErrors(401)
  async stream(@Req() req: Request, @Res() res: Response): Promise<void> {
    const user = await this.auth.fromRequest(req);
    res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    res.write(': connected\n\n');
    this.open.add(res);
    const removeDelivery = this.registry.add((message) => {
      if (!entitled(user, message)) return;
      res.write(`id: ${message.id}\nevent: ${message.event.type}\ndata: ${JSON.stringify(message.event)}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
    req.on('close', () => {
      clearInterval(heartbeat);
      removeDelivery();
      this.open.delete(res);
    });
  }

  onModuleDestroy(): void {
    for (const res of this.open) res.end();
  }
}
