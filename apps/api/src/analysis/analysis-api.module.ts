import { Module } from '@nestjs/common';
import { AnalysisModule } from '@app/analysis';
import { AnalysisController } from './analysis.controller';

@Module({ imports: [AnalysisModule], controllers: [AnalysisController] })
export class AnalysisApiModule {}
