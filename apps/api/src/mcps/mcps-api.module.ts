import { Module } from '@nestjs/common';
import { DeploymentsModule } from '@app/deployments';
import { McpModule } from '@app/mcp';
import { McpsController } from './mcps.controller';

@Module({ imports: [McpModule, DeploymentsModule], controllers: [McpsController] })
export class McpsApiModule {}
