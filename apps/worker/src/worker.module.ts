import { Module } from '@nestjs/common';
import { CoreModule } from '@app/core';
import { AnalyzerModule } from '@app/analysis';
import { KnowledgeModule } from '@app/knowledge';
import { McpModule } from '@app/mcp';
import { TasksModule } from '@app/tasks';
import { AnalysisProcessor } from './processors/analysis.processor';
import { KnowledgeProcessor } from './processors/knowledge.processor';

@Module({
  imports: [CoreModule, TasksModule, McpModule, AnalyzerModule, KnowledgeModule],
  providers: [AnalysisProcessor, KnowledgeProcessor],
})
export class WorkerModule {}
