// When weekly digests are queued: once the tenant's Monday `sendAt` has passed in its own time zone
// and the daily judgement has judged the Sunday before, the digest of the week that ended goes
// into the alert outbox (which delivers it once per channel, across restarts). Only the latest
// week is ever sent: a digest missed for longer is stale news.
import { DIGEST_RULE, type DigestConfig, type Language, type WeeklyDigest } from '@qunpulse/alerts';
import { addDays, dayStart, localDay } from '@qunpulse/health';
import type { Logger } from '@qunpulse/runtime';
import type { Warehouse } from '@qunpulse/warehouse';
import type { AlertOutbox } from '../outbox.js';
import { readWeeklyDigest } from './facts.js';

export interface DigestTenant {
  tenantId: string;
  timeZone: string;
  /** The last day the daily judgement judged (tenant-local), if any. */
  judgedDay: string | undefined;
}

export interface DigestSchedulerDeps {
  warehouse: Warehouse;
  outbox: AlertOutbox;
  config: DigestConfig;
  language: Language;
  /** The tenants the analytics judge, with their zone and progress. */
  tenants: () => Promise<DigestTenant[]>;
  log: Logger;
}

export interface DigestPass {
  queued: WeeklyDigest[];
  /** Tenants whose digest is due but whose Sunday is not judged yet. */
  waiting: string[];
}

/** Monday of the tenant-local week holding `day`. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

export class DigestScheduler {
  constructor(private readonly deps: DigestSchedulerDeps) {}

  /** Queues every digest due at `now` that is not queued yet. */
  async run(now: number): Promise<DigestPass> {
    const { config, warehouse: wh, outbox, log } = this.deps;
    const pass: DigestPass = { queued: [], waiting: [] };
    const [hh, mm] = config.sendAt.split(':').map(Number) as [number, number];
    for (const t of await this.deps.tenants()) {
      if (config.tenants?.length && !config.tenants.includes(t.tenantId)) continue;
      const monday = mondayOf(localDay(now, t.timeZone));
      if (now < dayStart(monday, t.timeZone) + (hh * 60 + mm) * 60_000) continue;
      const weekStart = addDays(monday, -7);
      const digestId = `digest:${t.tenantId}:${weekStart}`;
      const [queued] = await wh.query<{ n: number }>(
        'SELECT count() AS n FROM alert_outbox WHERE alert_id = {id:String} AND rule = {rule:String}', { id: digestId, rule: DIGEST_RULE });
      if (Number(queued?.n ?? 0) > 0) continue;
      if (!t.judgedDay || t.judgedDay < addDays(monday, -1)) {
        pass.waiting.push(t.tenantId);
        continue;
      }
      const digest = await readWeeklyDigest(wh, { tenantId: t.tenantId, timeZone: t.timeZone, weekStart }, config);
      await outbox.enqueueDigest(digest, config.channels, config.language ?? this.deps.language);
      log.info({ tenant: t.tenantId, week: weekStart, channels: config.channels }, 'weekly digest queued');
      pass.queued.push(digest);
    }
    if (pass.queued.length) outbox.wake();
    return pass;
  }
}
