// Runs the alerter inside `qunpulse run`: after every analytics recompute it evaluates the alert
// rules for the recomputed groups, stores and produces the alerts and delivers them to the webhooks
// of QUNPULSE_ALERTS_CONFIG (without a routing file, alerts are stored and produced only).
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
  const alerter = new Alerter({ warehouse: rt.warehouse, producer, topic: rt.bus.topics.alerts, log: rt.log, ...(config ? { config } : {}) });
  pipeline.worker.onRecomputed(alerter.listener);
  return { name: 'alerter', stop: () => producer.close() };
};
