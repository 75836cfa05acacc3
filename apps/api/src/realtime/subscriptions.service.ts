import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { AppException, APP_CONFIG, BusMessage, EventBus, PlatformEvent, realtimeConnections, realtimeEventsDelivered, Subject, subjectOf, type AppConfig } from '@app/core';
import { AuthenticationService, type AuthUser, type Credentials } from '@app/auth';
import { ConnectionLimit } from './connection-limit';
import { RealtimeSession, subjectKey, type EndReason, type Transport } from './realtime-session';
import { TOPIC_PROVIDERS, type TopicProvider } from './topic-provider';

const MAX_SUBSCRIPTIONS = 500;
/** setTimeout's ceiling; credentials expiring later are caught by the periodic re-check. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Who may see a bus message: the owner of what it is about, or an admin. */
const entitled = (user: AuthUser, message: BusMessage) => user.role === 'admin' || message.owner_id === user.id;

/**
 * The realtime core every transport serialises: sessions with their credentials, subscriptions
 * keyed by (topic, id), the snapshot-versus-live rule, entitlement, the per-user connection limit
 * and the re-checking of credentials while a connection stays open. This replica subscribes once
 * to the event bus; every replica hears every event and delivers it to its own sessions only.
 */
@Injectable()
export class SubscriptionsService implements OnModuleDestroy {
  private readonly logger = new Logger(SubscriptionsService.name);
  private readonly sessions = new Set<RealtimeSession>();
  private readonly bySubject = new Map<string, Set<RealtimeSession>>();
  private readonly providers: Map<string, TopicProvider>;
  private readonly stopListening: () => void;
  private readonly recheckTimer: NodeJS.Timeout;

  constructor(
    bus: EventBus,
    private readonly auth: AuthenticationService,
    private readonly limit: ConnectionLimit,
    @Inject(TOPIC_PROVIDERS) providers: TopicProvider[],
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.providers = new Map(providers.map((p) => [p.topic, p]));
    this.stopListening = bus.onMessage((message) => this.deliver(message));
    this.recheckTimer = setInterval(() => void this.recheckAll(), config.realtime.recheckSeconds * 1000);
    this.recheckTimer.unref();
  }

  /** Authenticates a new connection and counts it against its user's limit (401 or 429 otherwise). */
  async open(credentials: Credentials, transport: Transport, options: { everything?: boolean } = {}): Promise<RealtimeSession> {
    const user = await this.auth.authenticate(credentials);
    const session = new RealtimeSession(user, credentials, transport, options.everything ?? false);
    await this.limit.acquire(user.id, session.id);
    this.sessions.add(session);
    realtimeConnections.inc({ transport: transport.kind });
    this.watchExpiry(session);
    return session;
  }

  /** Forgets a connection the transport saw close; safe to call more than once. */
  close(session: RealtimeSession): void {
    if (session.closed) return;
    session.closed = true;
    clearTimeout(session.expiryTimer);
    this.sessions.delete(session);
    realtimeConnections.dec({ transport: session.transport.kind });
    for (const key of session.subscriptions.keys()) this.removeFromIndex(key, session);
    session.subscriptions.clear();
    void this.limit.release(session.user.id, session.id);
  }

  /**
   * Listens before reading the subject's state, so an event published during the read is not
   * lost; returns the snapshot for the transport to send at once, or nothing when a live event
   * already overtook it (or the topic has no snapshot). Throws the domain error to report.
   */
  async subscribe(session: RealtimeSession, subject: Subject): Promise<PlatformEvent | undefined> {
    await this.recheck(session);
    if (session.closed) return undefined;
    const key = subjectKey(subject);
    const known = session.subscriptions.has(key);
    if (!known && session.subscriptions.size >= MAX_SUBSCRIPTIONS) {
      throw new AppException(429, 'RATE_LIMIT_EXCEEDED', `At most ${MAX_SUBSCRIPTIONS} subscriptions per connection`);
    }
    if (!known) this.addToIndex(key, session);
    try {
      const snapshot = await this.providers.get(subject.topic)?.snapshot(session.user, subject.id);
      if (session.subscriptions.get(key) || !snapshot) return undefined;
      session.snapshots.set(key, snapshot);
      return snapshot;
    } catch (err) {
      if (!known) this.unsubscribe(session, subject);
      throw err;
    }
  }

  unsubscribe(session: RealtimeSession, subject: Subject): void {
    const key = subjectKey(subject);
    session.snapshots.delete(key);
    if (session.subscriptions.delete(key)) this.removeFromIndex(key, session);
  }

  onModuleDestroy(): void {
    clearInterval(this.recheckTimer);
    this.stopListening();
    for (const session of [...this.sessions]) this.end(session, 'shutdown');
  }

  private deliver(message: BusMessage): void {
    if (message.event.type === 'account_changed') return void this.recheckUser(message.event.user_id);
    const subject = subjectOf(message.event);
    const key = subject && subjectKey(subject);
    const subscribed = key ? this.bySubject.get(key) : undefined;
    for (const session of subscribed ?? []) {
      if (!entitled(session.user, message)) continue;
      session.subscriptions.set(key!, (session.subscriptions.get(key!) ?? 0) + 1);
      const snapshot = session.snapshots.get(key!);
      session.snapshots.delete(key!);
      if (!isDeepStrictEqual(snapshot, message.event)) this.send(session, message);
    }
    for (const session of this.sessions) {
      if (session.everything && entitled(session.user, message)) this.send(session, message);
    }
  }

  private send(session: RealtimeSession, message: BusMessage): void {
    session.transport.send(message.event, message);
    realtimeEventsDelivered.inc({ transport: session.transport.kind, event: message.event.type });
  }

  /** Re-authenticates with the connection's own credentials; ends it (and throws 401) when they no longer hold. */
  private async recheck(session: RealtimeSession): Promise<void> {
    try {
      session.user = await this.auth.authenticate(session.credentials);
    } catch (err) {
      // Only a refusal ends the connection: a database hiccup is not the user's fault.
      if (!(err instanceof AppException && err.status === 401)) return;
      this.end(session, 'unauthorized');
      throw err;
    }
  }

  /** An admin changed this account: its connections re-authenticate now, not at the next periodic check. */
  private async recheckUser(userId: string): Promise<void> {
    await Promise.all([...this.sessions].filter((s) => s.user.id === userId).map((s) => this.recheck(s).catch(() => undefined)));
  }

  private async recheckAll(): Promise<void> {
    await Promise.all(
      [...this.sessions].map(async (session) => {
        await this.recheck(session).catch(() => undefined);
        if (!session.closed) await this.limit.renew(session.user.id, session.id);
      }),
    );
  }

  /** An access token cannot be renewed on an open connection: it ends when the token expires. */
  private watchExpiry(session: RealtimeSession): void {
    const expiresAt = session.user.expiresAt?.getTime();
    if (expiresAt === undefined || expiresAt - Date.now() > MAX_TIMER_MS) return;
    session.expiryTimer = setTimeout(() => this.end(session, 'unauthorized'), Math.max(0, expiresAt - Date.now()));
    session.expiryTimer.unref();
  }

  private end(session: RealtimeSession, reason: EndReason): void {
    if (session.closed) return;
    this.close(session);
    this.logger.debug(`ending realtime session ${session.id}: ${reason}`);
    session.transport.end(reason);
  }

  private addToIndex(key: string, session: RealtimeSession): void {
    session.subscriptions.set(key, 0);
    let sessions = this.bySubject.get(key);
    if (!sessions) this.bySubject.set(key, (sessions = new Set()));
    sessions.add(session);
  }

  private removeFromIndex(key: string, session: RealtimeSession): void {
    const sessions = this.bySubject.get(key);
    sessions?.delete(session);
    if (sessions?.size === 0) this.bySubject.delete(key);
  }
}
