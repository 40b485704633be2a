// A consumer group member in a process of its own (compiled workspace: build first), for tests
// that kill it. Args: brokers namespace groupId sessionTimeoutMs. Prints "consuming" once it
// handled its first batch, then stays until killed.
import { KafkaBus } from '@qunpulse/kafka';

const [brokers, namespace, groupId, sessionTimeoutMs] = process.argv.slice(2);
const bus = new KafkaBus({ brokers: brokers.split(','), clientId: 'group-member', namespace, sessionTimeoutMs: Number(sessionTimeoutMs) });
const consumer = await bus.consumer({ groupId, topics: [bus.topics.chatEvents] });
let told = false;
await consumer.run(async () => {
  if (!told) { told = true; process.stdout.write('consuming\n'); }
});
