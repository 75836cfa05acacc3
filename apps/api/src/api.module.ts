import { Module } from '@nestjs/common';
import { CoreModule } from '@app/core';
import { AnalysisApiModule } from './analysis/analysis-api.module';
import { McpsApiModule } from './mcps/mcps-api.module';
import { RealtimeModule } from './realtime/realtime.module';
import { TasksApiModule } from './tasks/tasks-api.module';

@Module({
  imports: [CoreModule, McpsApiModule, TasksApiModule, AnalysisApiModule, RealtimeModule],
})
export class ApiModule {}
