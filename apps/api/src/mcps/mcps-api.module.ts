import { Module } from '@nestjs/common';
import { McpModule } from '@app/mcp';
import { McpsController } from './mcps.controller';

@Module({ imports: [McpModule], controllers: [McpsController] })
export class McpsApiModule {}
