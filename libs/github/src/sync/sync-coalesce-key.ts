/**
 * Syncs of one connection that have not started yet are the same work, so they coalesce on this
 * key. It names who asked too: a joined task must stay visible to the one it is returned to.
 */
export const syncCoalesceKey = (connectionId: string, ownerId: string): string => `github.sync:${connectionId}:${ownerId}`;
