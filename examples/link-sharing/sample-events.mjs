// Writes NDJSON chat events from the last hour, some sharing links, to stdout:
//   node examples/link-sharing/sample-events.mjs > /tmp/links.ndjson
// Event ids carry the time, so every run adds new events. The import must use a tenant that keeps
// text (examples/link-sharing/tenants.json): without one, qunpulse drops message text.
const now = Date.now();
const members = ['ana', 'bo', 'chen'];
const links = ['https://github.com/qunpulse/qunpulse', 'https://www.example.org/guide#setup', 'https://docs.example.org/a'];
for (let i = 0; i < 12; i++) {
  const member = members[i % members.length];
  const text = i % 2 === 0 ? `have a look: ${links[i % links.length]}` : 'thanks, reading it now';
  process.stdout.write(JSON.stringify({
    eventId: `links-demo-${now}-${i}`, type: 'message', tenantId: 'acme', platform: 'telegram', groupId: 'data-team',
    memberId: member, occurredAt: new Date(now - (12 - i) * 60_000).toISOString(),
    message: { kind: 'text', text },
  }) + '\n');
}
