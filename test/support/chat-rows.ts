// Builds chat_events rows from event inputs through the real contract and row mapping, so tests
// can load a history into the warehouse without going through Kafka.
import { chatEventSchema, type ChatEventInput } from '@qunpulse/contracts';
import { toRow } from '@qunpulse/event-store';
import type { Warehouse } from '@qunpulse/warehouse';

export async function loadEvents(wh: Warehouse, events: readonly ChatEventInput[], chunk = 20_000): Promise<void> {
  for (let i = 0; i < events.length; i += chunk) {
    const rows = events.slice(i, i + chunk).map((e) => toRow(chatEventSchema.parse(e), { source: 'test', producedAt: 0 }));
    await wh.insert('chat_events', rows);
  }
}
