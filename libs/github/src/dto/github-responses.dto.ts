import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf } from '@app/core';

export class WebhookSetupDto {
  @ApiProperty({ enum: ['created', 'existing', 'manual'], description: '`manual`: the token may not manage hooks; add it by hand as `detail` says' })
  status: 'created' | 'existing' | 'manual';

  @ApiPropertyOptional({ type: 'integer', description: "GitHub's id of the hook connect created" })
  id?: number;

  @ApiProperty({ example: 'https://platform.example.com/api/v1/github/webhook' })
  url: string;

  @ApiProperty({ example: ['push'] })
  events: string[];

  @ApiPropertyOptional()
  detail?: string;
}

export class ConnectionCreatedDto {
  @ApiProperty({ format: 'uuid' })
  connection_id: string;

  @ApiProperty({ example: 'https://github.com/username/mcp-tools' })
  repository_url: string;

  @ApiProperty({ format: 'uuid' })
  tool_id: string;

  @ApiProperty({ enum: ['connected'] })
  status: 'connected';

  @ApiProperty({ example: 'main' })
  branch: string;

  @ApiProperty({ example: 'mcp.json' })
  manifest_path: string;

  @ApiProperty({ type: WebhookSetupDto })
  webhook: WebhookSetupDto;

  @ApiProperty({ type: String, format: 'date-time' })
  created_at: Date;
}

export class ConnectionDto {
  @ApiProperty({ format: 'uuid' })
  connection_id: string;

  @ApiProperty()
  repository_url: string;

  @ApiProperty({ format: 'uuid' })
  tool_id: string;

  @ApiProperty({ format: 'uuid' })
  owner_id: string;

  @ApiProperty()
  branch: string;

  @ApiProperty()
  manifest_path: string;

  @ApiProperty({ enum: ['connected', 'error'], description: '`error` after a sync failed for a reason only a person can fix' })
  status: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'The repository webhook connect created (deleted on disconnect)' })
  webhook_id: number | null;

  @ApiProperty({ type: String, nullable: true, description: 'Commit of the last successful sync' })
  last_synced_sha: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  last_synced_at: Date | null;

  @ApiProperty({ type: String, nullable: true })
  last_sync_error: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_at: Date;

  @ApiProperty({ type: String, format: 'date-time' })
  updated_at: Date;
}

export class ConnectionPageDto extends PageOf(ConnectionDto) {}

export class DisconnectedDto {
  @ApiProperty({ example: 'Repository disconnected successfully' })
  message: string;

  @ApiProperty({ format: 'uuid' })
  connection_id: string;
}

export class WebhookAcceptedDto {
  @ApiProperty({ example: 'Webhook received and queued for processing' })
  message: string;

  @ApiProperty({ example: 'push' })
  event_type: string;

  @ApiProperty({ description: 'X-GitHub-Delivery' })
  delivery_id: string;

  @ApiPropertyOptional({ type: [String], description: 'One sync task per connection of the pushed repository and branch' })
  task_ids?: string[];
}
