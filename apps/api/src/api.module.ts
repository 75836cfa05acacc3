import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CoreModule } from '@app/core';
import { AuthGuard, AuthModule, RateLimitGuard } from '@app/auth';
import { AnalysisApiModule } from './analysis/analysis-api.module';
import { AuthApiModule } from './auth/auth-api.module';
import { DeploymentsApiModule } from './deployments/deployments-api.module';
import { GithubApiModule } from './github/github-api.module';
import { KnowledgeApiModule } from './knowledge/knowledge-api.module';
import { McpsApiModule } from './mcps/mcps-api.module';
import { RealtimeModule } from './realtime/realtime.module';
import { TasksApiModule } from './tasks/tasks-api.module';
import { UsersApiModule } from './users/users-api.module';

@Module({
  imports: [
    CoreModule,
    AuthModule,
    AuthApiModule,
    McpsApiModule,
    TasksApiModule,
    AnalysisApiModule,
    KnowledgeApiModule,
    UsersApiModule,
    DeploymentsApiModule,
    GithubApiModule,
    RealtimeModule,
  ],
  // Every route needs credentials unless @Public(); guards run in this order, so the rate limiter sees the principal.
  providers: [
    { provide: APP_GUARD, useExisting: AuthGuard },
    { provide: APP_GUARD, useExisting: RateLimitGuard },
  ],
})
export class ApiModule {}
