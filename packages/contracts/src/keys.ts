import type { ChatEvent } from './chat-event.js';

/** Partition key: one group's events share a partition, so they stay in order. */
export function chatEventKey(event: Pick<ChatEvent, 'tenantId' | 'groupId'>): string {
  return `${event.tenantId}\u001f${event.groupId}`;
}
