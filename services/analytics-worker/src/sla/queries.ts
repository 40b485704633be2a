// The human messages an SLA measurement reads, members' and staff's: classified (ads, bots and
// red-packet thanks neither ask nor answer), with the text and kind that tell an acknowledgement
// from a question or an answer.
import { CLASSIFIED_MESSAGES } from '../activity/classify.js';
import { IN_SCOPE } from '../activity/scope.js';

export const SLA_MESSAGES = `
  SELECT c.tenant_id AS tenant_id, c.platform AS platform, c.group_id AS group_id, c.event_id AS event_id,
         c.member_id AS member_id, toUnixTimestamp64Milli(c.occurred_at) AS at, e.text AS text, e.kind AS kind
  FROM (${CLASSIFIED_MESSAGES}) AS c
  INNER JOIN (
    SELECT tenant_id, platform, group_id, event_id, any(message_text) AS text, any(message_kind) AS kind
    FROM chat_events WHERE ${IN_SCOPE} AND type = 'message'
    GROUP BY tenant_id, platform, group_id, event_id
  ) AS e ON e.tenant_id = c.tenant_id AND e.platform = c.platform AND e.group_id = c.group_id AND e.event_id = c.event_id
  WHERE c.cls IN ('human', 'staff')`;
