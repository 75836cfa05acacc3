import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequirePermission, type AuthUser } from '@app/auth';
import {
  ANALYSIS_RESULT_DTOS,
  AnalysisSubmissions,
  FeasibilityRequestDto,
  GenerateConfigRequestDto,
  ImprovementsRequestDto,
} from '@app/analysis';
import { ApiErrors, Idempotent } from '@app/core';
import { TaskAcceptedDto } from '@app/tasks';

@ApiTags('analysis')
// The results these tasks end with: `GET /api/v1/tasks/{id}` documents `result` as one of them.
@ApiExtraModels(...ANALYSIS_RESULT_DTOS)
@Controller('api/v1/analyze')
export class AnalysisController {
  constructor(private readonly submissions: AnalysisSubmissions) {}

  @Post('feasibility')
  @Idempotent()
  @HttpCode(202)
  @RequirePermission('analysis:run')
  @ApiOperation({ summary: 'Queue a feasibility analysis of a proposed tool' })
  @ApiAcceptedResponse({ type: TaskAcceptedDto })
  feasibility(@CurrentUser() user: AuthUser, @Body() body: FeasibilityRequestDto): Promise<TaskAcceptedDto> {
    return this.submissions.feasibility(user, body.config);
  }

  @Post('improvements')
  @Idempotent()
  @HttpCode(202)
  @RequirePermission('analysis:run')
  @ApiOperation({ summary: 'Queue improvement suggestions for a registered tool (404 if unknown)' })
  @ApiAcceptedResponse({ type: TaskAcceptedDto })
  @ApiErrors(404)
  improvements(@CurrentUser() user: AuthUser, @Body() body: ImprovementsRequestDto): Promise<TaskAcceptedDto> {
    return this.submissions.improvements(user, body.tool_id);
  }

  @Post('generate-config')
  @Idempotent()
  @HttpCode(202)
  @RequirePermission('analysis:run')
  @ApiOperation({ summary: 'Queue generation of a tool configuration from requirements' })
  @ApiAcceptedResponse({ type: TaskAcceptedDto })
  generateConfig(@CurrentUser() user: AuthUser, @Body() body: GenerateConfigRequestDto): Promise<TaskAcceptedDto> {
    return this.submissions.generateConfig(user, body.requirements);
  }
}
