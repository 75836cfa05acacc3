import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageOf, ValidationIssueDto, type TaskStatus } from '@app/core';

const TASK_STATUSES: TaskStatus[] = ['pending', 'running', 'completed', 'failed', 'cancelled'];

export class TaskErrorDto {
  @ApiProperty({ example: 'NOT_FOUND' })
  code: string;

  @ApiProperty({ example: 'MCP tool not found' })
  message: string;

  @ApiPropertyOptional({ type: [ValidationIssueDto], description: "When the task's input failed validation: the same `{loc, msg, type}` entries a request would get" })
  details?: ValidationIssueDto[];
}

/** The public shape of a task (`GET /api/v1/tasks/{id}`), in the contract's field names. */
export class TaskViewDto {
  @ApiProperty({ format: 'uuid', example: 'aa0e8400-e29b-41d4-a716-446655440005' })
  task_id: string;

  @ApiProperty({ example: 'analysis.feasibility' })
  type: string;

  @ApiProperty({ format: 'uuid', description: 'Who submitted it' })
  owner_id: string;

  @ApiProperty({ enum: TASK_STATUSES })
  status: TaskStatus;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100 })
  progress: number;

  @ApiProperty({ type: String, nullable: true })
  message: string | null;

  @ApiProperty({
    nullable: true,
    // The analysis schemas are registered by the analysis controller (tasks sits below analysis); other task types keep an open object.
    anyOf: [
      { $ref: '#/components/schemas/FeasibilityResultDto' },
      { $ref: '#/components/schemas/ImprovementsResultDto' },
      { $ref: '#/components/schemas/GenerateConfigResultDto' },
      { type: 'object', additionalProperties: true },
    ],
    description: 'Set when completed; its shape depends on the task type (a feasibility report, suggestions, a config…)',
    example: { score: 0.75, is_feasible: true, reasoning: 'The proposed database query tool is feasible…', risks: [], recommendations: [] },
  })
  result: unknown;

  @ApiProperty({ type: TaskErrorDto, nullable: true })
  error: TaskErrorDto | null;

  @ApiProperty({ type: String, nullable: true, description: 'X-Request-Id of the request that created the task' })
  request_id: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  created_at: Date;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  started_at: Date | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  completed_at: Date | null;
}

export class TaskPageDto extends PageOf(TaskViewDto) {}

/** The 202 answer of every route that queues work: poll `GET /api/v1/tasks/{task_id}` or subscribe. */
export class TaskAcceptedDto {
  @ApiProperty({ format: 'uuid' })
  task_id: string;

  @ApiProperty({ enum: ['pending'] })
  status: 'pending';

  @ApiProperty({ example: 'Feasibility analysis queued for processing' })
  message: string;
}
