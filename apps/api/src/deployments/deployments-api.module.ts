import { Module } from '@nestjs/common';
import { DeploymentsModule } from '@app/deployments';
import { DeploymentsController } from './deployments.controller';
import { GatewayController } from './gateway.controller';

@Module({ imports: [DeploymentsModule], controllers: [DeploymentsController, GatewayController] })
export class DeploymentsApiModule {}
