import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per `X-GitHub-Delivery`: GitHub's "Redeliver" and its retries reuse the id, and the
 * primary key makes the second arrival a no-op. Old rows only serve de-duplication.
 */
@Entity('github_webhook_deliveries')
@Index('idx_github_webhook_deliveries_received', ['receivedAt'])
export class GithubWebhookDeliveryEntity {
  @PrimaryColumn({ type: 'varchar', length: 100, primaryKeyConstraintName: 'PK_github_webhook_deliveries' })
  deliveryId: string;

  @Column({ type: 'varchar', length: 64 })
  event: string;

  @Column({ type: 'varchar', length: 256, nullable: true })
  repositoryFullName: string | null;

  /** The sync tasks this delivery started (empty when it was ignored). */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  taskIds: string[];

  @Column({ type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;
}
