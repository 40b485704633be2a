// A tenant's SLA settings in one line, as `qunpulse tenant` prints them.
import { WEEKDAYS } from '@qunpulse/health';
import type { SlaSettings } from '@qunpulse/analytics-worker';

const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export function describeSla(s: SlaSettings): string {
  const order = [...WEEKDAYS.slice(1), WEEKDAYS[0]];
  const hours = order.filter((d) => s.workHours[d].length > 0)
    .map((d) => `${d} ${s.workHours[d].map((r) => `${clock(r.start)}-${clock(r.end)}`).join('+')}`).join(', ');
  const list = (xs: readonly string[]) => xs.join(',') || '-';
  return `target ${s.targetMinutes} min; work hours ${hours}; purposes ${list(s.purposes)}; groups ${list(s.groups)}; excluded ${list(s.excludeGroups)}; breaks below ${Math.round(s.breachBelowShare * 100)}% of ${s.minJudged}+ waits; ${s.acknowledgements.length} acknowledgement words`;
}
