import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@app/auth';
import { McpToolEntity } from '@app/mcp';
import type { DeploymentInstanceView, UpstreamTool } from '../runtime/deployment-runtime';

export const DEPLOYMENT_STATUSES = ['starting', 'running', 'failed', 'stopped'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];
export const HEALTH_STATUSES = ['unknown', 'healthy', 'degraded', 'unhealthy'] as const;
export type HealthStatus = (typeof HEALTH_STATUSES)[number];
/** Statuses that hold the tool's one deployment slot. */
export const ACTIVE_STATUSES: DeploymentStatus[] = ['starting', 'running'];

/**
 * A deployed tool version behind `/mcp/{slug}/v1`. The upstream it reaches is read from the pinned
 * tool version's config (never copied here), so secrets stay with the tool.
 */
@Entity('deployments')
@Index('uq_deployments_active_tool', ['toolId'], { unique: true, where: `status IN ('starting', 'running')` })
@Index('idx_deployments_slug_status', ['slug', 'status'])
@Index('idx_deployments_owner_deployed', ['ownerId', 'deployedAt'])
@Check('ck_deployments_status', `status IN ('starting', 'running', 'failed', 'stopped')`)
@Check('ck_deployments_health', `health_status IN ('unknown', 'healthy', 'degraded', 'unhealthy')`)
@Check('ck_deployments_replicas', 'replicas BETWEEN 1 AND 20')
export class DeploymentEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  toolId: string;

  // Deleting a tool stops its deployment first (DeploymentsService.stopForTool); the rows follow the tool.
  @ManyToOne(() => McpToolEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tool_id', foreignKeyConstraintName: 'deployments_tool_id_fkey' })
  tool?: McpToolEntity;

  @Column({ type: 'uuid' })
  ownerId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'deployments_owner_id_fkey' })
  owner?: UserEntity;

  /** The tool's slug when deployed: the gateway path segment. */
  @Column({ type: 'varchar', length: 64 })
  slug: string;

  @Column({ type: 'varchar', length: 32 })
  toolVersion: string;

  @Column({ type: 'varchar', length: 32 })
  runtime: string;

  @Column({ type: 'varchar', length: 32 })
  environment: string;

  @Column({ type: 'smallint' })
  replicas: number;

  @Column({ type: 'varchar', length: 16 })
  cpu: string;

  @Column({ type: 'varchar', length: 16 })
  memory: string;

  @Column({ type: 'integer', nullable: true })
  timeoutMs: number | null;

  @Column({ type: 'integer', nullable: true })
  maxConcurrency: number | null;

  @Column({ type: 'varchar', length: 16, default: 'starting' })
  status: DeploymentStatus;

  @Column({ type: 'varchar', length: 16, default: 'unknown' })
  healthStatus: HealthStatus;

  @Column({ type: 'smallint', default: 0 })
  consecutiveFailures: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  /** The upstream's tools/list at start: names, descriptions, input schemas. */
  @Column({ type: 'jsonb', default: [] })
  tools: UpstreamTool[];

  /** The server copies running it now, written by the runtime that runs them. */
  @Column({ type: 'jsonb', default: [] })
  instances: DeploymentInstanceView[];

  /** Bumped by every (re)start so a stale start job cannot overwrite a newer one. */
  @Column({ type: 'integer', default: 1 })
  generation: number;

  @Column({ type: 'bigint', default: 0 })
  requestsTotal: string;

  @Column({ type: 'bigint', default: 0 })
  errorsTotal: string;

  @Column({ type: 'bigint', default: 0 })
  latencyTotalMs: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  deployedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  stoppedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastHealthCheck: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
