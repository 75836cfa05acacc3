import { Module } from '@nestjs/common';
import { McpModule } from '@app/mcp';
import { TasksModule } from '@app/tasks';
import { AnalysisSubmissions } from './analysis-submissions.service';

@Module({
  imports: [TasksModule, McpModule],
  providers: [AnalysisSubmissions],
  exports: [AnalysisSubmissions],
})
export class AnalysisModule {}
