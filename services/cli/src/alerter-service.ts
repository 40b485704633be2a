// Runs the alerter inside `qunpulse run`: after every analytics recompute it evaluates the alert
// rules for the recomputed groups, queues, stores and produces the alerts; the outbox loop delivers
// them to the webhooks of QUNPULSE_ALERTS_CONFIG (without a routing file, alerts are stored and
// produced only). Undelivered alerts left by an earlier run are delivered as soon as it starts.
import { Alerter, loadRoutingConfig, readAlerterEnv } from '@qunpulse/alerter';
import type { ServiceStarter } from './services.js';

export const startAlerterService: ServiceStarter = async (rt, pipeline) => {
  const env = readAlerterEnv();
  if (!env.QUNPULSE_ALERTS_ENABLED) {
    rt.log.info('alerter off (QUNPULSE_ALERTS_ENABLED=false)');
    return undefined;
  }
  const config = env.QUNPULSE_ALERTS_CONFIG ? loadRoutingConfig(env.QUNPULSE_ALERTS_CONFIG) : undefined;
  if (!config) rt.log.info('alerter: no QUNPULSE_ALERTS_CONFIG, alerts are stored and produced to Kafka but not sent to chat apps');
  const producer = await rt.bus.producer({ idempotent: true });
  const alerter = new Alerter({
    warehouse: rt.warehouse, producer, topic: rt.bus.topics.alerts, log: rt.log, pollMs: env.QUNPULSE_ALERTS_POLL_MS, ...(config ? { config } : {}),
  });
  pipeline.worker.onRecomputed(alerter.listener);
  if (config) alerter.outbox.start();
  return {
    name: 'alerter',
    async stop() {
      await alerter.outbox.stop();
      await producer.close();
    },
  };
};
