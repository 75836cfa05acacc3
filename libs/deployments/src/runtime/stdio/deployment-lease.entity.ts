import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DeploymentEntity } from '../../entities/deployment.entity';
import type { RecordedGroup } from './process-groups';

/**
 * Which worker runs a stdio deployment now. A worker holds the row while it renews `expires_at`
 * (its heartbeat); once that passes, any other worker may claim it. Claims are conditional
 * statements in PostgreSQL, so exactly one worker holds a deployment at a time.
 */
@Entity('deployment_leases')
export class DeploymentLeaseEntity {
  @PrimaryColumn({ type: 'uuid' })
  deploymentId: string;

  // ManyToOne rather than OneToOne: the primary key already makes it one lease per deployment.
  @ManyToOne(() => DeploymentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deployment_id', foreignKeyConstraintName: 'deployment_leases_deployment_id_fkey' })
  deployment?: DeploymentEntity;

  /** The holding worker process (host:pid:random). */
  @Column({ type: 'varchar', length: 128 })
  holder: string;

  /** The deployment generation the lease was taken for: a redeploy's claim wins over an older one. */
  @Column({ type: 'integer' })
  generation: number;

  /** The holder's runner (RUNNER_ADVERTISE_URL), where the api replicas call the deployment. */
  @Column({ type: 'varchar', length: 512 })
  runnerUrl: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** The holder's process groups, so a worker taking over on the same host can kill what a dead one left. */
  @Column({ type: 'jsonb', default: [] })
  processGroups: RecordedGroup[];
}
