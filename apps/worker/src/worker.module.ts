import { Module } from '@nestjs/common';
import { CoreModule } from '@app/core';
import { AnalyzerModule } from '@app/analysis';
import { McpModule } from '@app/mcp';
import { TasksModule } from '@app/tasks';
import { AnalysisProcessor } from './processors/analysis.processor';

@Module({
  imports: [CoreModule, TasksModule, McpModule, AnalyzerModule],
  providers: [AnalysisProcessor],
})
export class WorkerModule {}
