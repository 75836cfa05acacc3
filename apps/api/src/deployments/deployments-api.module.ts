import { Module } from '@nestjs/common';
import { DeploymentsModule } from '@app/deployments';
import { DeploymentsController } from './deployments.controller';
import { GatewayController } from './gateway.controller';
import { MethodNotAllowedRoutes } from './method-not-allowed.routes';

@Module({ imports: [DeploymentsModule], controllers: [DeploymentsController, GatewayController], providers: [MethodNotAllowedRoutes] })
export class DeploymentsApiModule {}
