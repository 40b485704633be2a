// Runs the alerter inside `qunpulse run`: after every analytics recompute it evaluates the alert
// rules for the recomputed groups, queues, stores and produces the alerts; the outbox loop delivers
// them to the webhooks of QUNPULSE_ALERTS_CONFIG (without a routing file, alerts are stored and
// produced only). Undelivered alerts left by an earlier run are delivered as soon as it starts.
import { Alerter, DigestScheduler, loadRoutingConfig, readAlerterEnv, type DigestSchedulerDeps } from '@qunpulse/alerter';
import { readJudgedTenants } from '@qunpulse/analytics-worker';
import type { Runtime } from './runtime.js';
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
  const digests = config?.digest ? startDigests(rt, alerter, config.digest, config.language) : undefined;
  return {
    name: 'alerter',
    async stop() {
      await digests?.stop();
      await alerter.outbox.stop();
      await producer.close();
    },
  };
};

/** How often due weekly digests are looked for: a tenant's Monday morning passes at most this late. */
const DIGEST_CHECK_MS = 60_000;

function startDigests(rt: Runtime, alerter: Alerter, digest: DigestSchedulerDeps['config'], language: DigestSchedulerDeps['language']): { stop(): Promise<void> } {
  const scheduler = new DigestScheduler({
    warehouse: rt.warehouse, outbox: alerter.outbox, config: digest, language, log: rt.log, tenants: () => readJudgedTenants(rt.warehouse),
  });
  let pass: Promise<unknown> = Promise.resolve();
  const check = () => {
    pass = pass.then(() => scheduler.run(Date.now())).catch((err: unknown) => rt.log.warn({ err }, 'weekly digest check failed; trying again'));
  };
  check();
  const timer = setInterval(check, DIGEST_CHECK_MS);
  return {
    async stop() {
      clearInterval(timer);
      await pass;
    },
  };
}
