// The consumer: every link in a kept message text becomes one row of link_sharing_links. Events
// that are not messages, or carry no link, are dropped on purpose (counted, not dead-lettered).
import { chatEventContract, defineConsumer, drop, insertNew, ok, retry, type ChatEvent, type Warehouse } from '@qunpulse/consumer-kit';
import { linksIn } from './links.js';

export interface LinkRow {
  tenant_id: string; platform: string; group_id: string; event_id: string; url: string;
  member_id: string; domain: string; occurred_at: number;
}

export const LINK_KEY = ['tenant_id', 'platform', 'group_id', 'event_id', 'url'] as const;

function rowsOf(e: ChatEvent): LinkRow[] | string {
  if (e.type !== 'message') return `${e.type} is not a message`;
  if (!e.message.text) return 'no text kept (the tenant does not keep message text)';
  const links = linksIn(e.message.text);
  if (links.length === 0) return 'no link in the text';
  return links.map((l) => ({
    tenant_id: e.tenantId, platform: e.platform, group_id: e.groupId, event_id: e.eventId, url: l.url,
    member_id: e.memberId, domain: l.domain, occurred_at: e.occurredAt,
  }));
}

export function linkSharingConsumer(warehouse: Warehouse) {
  return defineConsumer<ChatEvent>({
    name: 'link-sharing',
    contract: chatEventContract,
    async handle(items) {
      const perItem = items.map((i) => rowsOf(i.value));
      const rows = perItem.flatMap((r) => (typeof r === 'string' ? [] : r));
      try {
        // One lookup and one insert per batch; rows already stored (a redelivery) are skipped.
        await insertNew(warehouse, 'link_sharing_links', LINK_KEY, rows);
      } catch (err) {
        // The kit backs off and hands these records again; nothing is committed meanwhile.
        return items.map(() => retry(`warehouse: ${(err as Error).message}`));
      }
      return perItem.map((r) => (typeof r === 'string' ? drop(r) : ok()));
    },
  });
}
