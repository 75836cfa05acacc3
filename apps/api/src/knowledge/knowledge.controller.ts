import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Idempotent, userActor, UuidParamPipe } from '@app/core';
import { CurrentUser, OwnedBy, RequirePermission, type AuthUser } from '@app/auth';
import {
  CreateDocumentDto,
  DocumentCreatedDto,
  DocumentDeletedDto,
  DocumentDetailDto,
  DocumentPageDto,
  DocumentsService,
  KnowledgeSearchService,
  ListDocumentsQueryDto,
  SearchDto,
  SearchResponseDto,
  toDocumentCreated,
  toDocumentDetail,
  toDocumentSummary,
  UpdateDocumentDto,
} from '@app/knowledge';
import { TaskAcceptedDto, TaskService } from '@app/tasks';

@ApiTags('knowledge')
@Controller('api/v1/knowledge')
export class KnowledgeController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly searcher: KnowledgeSearchService,
    private readonly tasks: TaskService,
  ) {}

  @Post('documents')
  @Idempotent()
  @RequirePermission('knowledge:write')
  @ApiOperation({ summary: 'Add a document: chunked at once (full-text searchable), embedded by the worker' })
  @ApiCreatedResponse({ type: DocumentCreatedDto })
  async create(@CurrentUser() user: AuthUser, @Body() dto: CreateDocumentDto): Promise<DocumentCreatedDto> {
    return toDocumentCreated(await this.documents.create(userActor(user.id), dto));
  }

  @Post('search')
  @HttpCode(200)
  @RequirePermission('knowledge:read')
  @ApiOperation({ summary: 'Hybrid search: full-text and vector similarity fused by reciprocal rank' })
  @ApiOkResponse({ type: SearchResponseDto })
  search(@Body() dto: SearchDto): Promise<SearchResponseDto> {
    return this.searcher.search(dto);
  }

  @Get('documents')
  @RequirePermission('knowledge:read')
  @ApiOperation({ summary: 'List documents, newest first (filter: tags, any of)' })
  @ApiOkResponse({ type: DocumentPageDto })
  async list(@Query() query: ListDocumentsQueryDto): Promise<DocumentPageDto> {
    const page = await this.documents.list(query);
    return { ...page, items: page.items.map(toDocumentSummary) };
  }

  @Get('documents/:id')
  @RequirePermission('knowledge:read')
  @ApiOperation({ summary: 'A document with its content' })
  @ApiOkResponse({ type: DocumentDetailDto })
  @ApiErrors(404)
  async get(@Param('id', UuidParamPipe) id: string): Promise<DocumentDetailDto> {
    return toDocumentDetail(await this.documents.get(id));
  }

  @Put('documents/:id')
  @RequirePermission('knowledge:write')
  @OwnedBy(DocumentsService)
  @ApiOperation({ summary: 'Update a document; new content is re-chunked and re-embedded (new embedding_id)' })
  @ApiOkResponse({ type: DocumentDetailDto })
  @ApiErrors(404)
  async update(@Param('id', UuidParamPipe) id: string, @Body() dto: UpdateDocumentDto): Promise<DocumentDetailDto> {
    return toDocumentDetail(await this.documents.update(id, dto));
  }

  @Delete('documents/:id')
  @RequirePermission('knowledge:delete')
  @OwnedBy(DocumentsService)
  @ApiOperation({ summary: 'Delete a document and its chunks (owner or admin)' })
  @ApiOkResponse({ type: DocumentDeletedDto })
  @ApiErrors(404)
  async remove(@Param('id', UuidParamPipe) id: string): Promise<DocumentDeletedDto> {
    await this.documents.remove(id);
    return { message: 'Document deleted successfully', document_id: id };
  }

  @Post('reindex')
  @Idempotent()
  @HttpCode(202)
  @RequirePermission('knowledge:admin')
  @ApiOperation({ summary: 'Re-embed every document with the current EMBEDDINGS_PROVIDER (admin; a task)' })
  @ApiAcceptedResponse({ type: TaskAcceptedDto })
  async reindex(@CurrentUser() user: AuthUser): Promise<TaskAcceptedDto> {
    const task = await this.tasks.submit('knowledge.reindex', user, {});
    return { task_id: task.id, status: 'pending', message: 'Knowledge reindex queued for processing' };
  }
}
