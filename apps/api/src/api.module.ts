import { Module } from '@nestjs/common';
import { CoreModule } from '@app/core';
import { AnalysisApiModule } from './analysis/analysis-api.module';
import { AuthApiModule } from './auth/auth-api.module';
import { DeploymentsApiModule } from './deployments/deployments-api.module';
import { KnowledgeApiModule } from './knowledge/knowledge-api.module';
import { McpsApiModule } from './mcps/mcps-api.module';
import { RealtimeModule } from './realtime/realtime.module';
import { TasksApiModule } from './tasks/tasks-api.module';
import { UsersApiModule } from './users/users-api.module';

@Module({
  imports: [
    CoreModule,
    AuthApiModule,
    McpsApiModule,
    TasksApiModule,
    AnalysisApiModule,
    KnowledgeApiModule,
    UsersApiModule,
    DeploymentsApiModule,
    RealtimeModule,
  ],
})
export class ApiModule {}
