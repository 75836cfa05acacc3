import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UserEntity } from '@app/auth';
import { McpToolEntity } from './entities/mcp-tool.entity';
import { McpToolVersionEntity } from './entities/mcp-tool-version.entity';
import { McpHistoryService } from './mcp-history.service';
import { McpInterchangeService } from './mcp-interchange.service';
import { McpToolsService } from './mcp-tools.service';
import { ToolSnapshots } from './tool-snapshots.service';
import { ToolSecrets } from './secrets/tool-secrets.service';
import { LegacySecretsSealer } from './secrets/legacy-secrets.sealer';

@Module({
  // UserEntity: the target of this lib's foreign keys, also in processes without AuthModule (the worker).
  imports: [TypeOrmModule.forFeature([McpToolEntity, McpToolVersionEntity, UserEntity])],
  providers: [ToolSecrets, LegacySecretsSealer, McpToolsService, McpHistoryService, McpInterchangeService, ToolSnapshots],
  exports: [McpToolsService, McpHistoryService, McpInterchangeService, ToolSnapshots],
})
export class McpModule {}
