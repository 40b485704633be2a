// Link suggestions from strong signals only: member ids that share the platform's union id or the
// hash of a verified e-mail or phone (kept per member in member_identity_signals). Display names
// are never used: on other tools they produced floods of false merges.
import type { Warehouse } from '@qunpulse/warehouse';
import { linkStamp } from './links.js';

export const SIGNALS = ['union_id', 'email_hash', 'phone_hash'] as const;

/**
 * Writes a suggested person for every signal value shared by two or more member ids, except
 * members already linked (accepted) and persons already rejected or undone. Returns how many
 * (person, member) suggestions were new.
 */
export async function suggestLinks(wh: Warehouse, tenant: string, now = Date.now()): Promise<number> {
  const rows = await wh.query<{ person_id: string; platform: string; member_id: string; source: string }>(
    `SELECT DISTINCT concat(signal, ':', value) AS person_id, toString(platform) AS platform, member_id, toString(signal) AS source
     FROM member_identity_signals
     WHERE tenant_id = {t:String}
       AND (signal, value) IN (
         SELECT signal, value FROM member_identity_signals WHERE tenant_id = {t:String}
         GROUP BY signal, value HAVING uniqExact(platform, member_id) >= 2)
       AND (platform, member_id) NOT IN (SELECT platform, member_id FROM member_persons WHERE tenant_id = {t:String})
       AND (concat(signal, ':', value), platform, member_id) NOT IN (
         SELECT person_id, platform, member_id FROM identity_links FINAL WHERE tenant_id = {t:String})
       AND concat(signal, ':', value) NOT IN (
         SELECT person_id FROM identity_links FINAL WHERE tenant_id = {t:String} AND state IN ('rejected', 'undone'))
     ORDER BY person_id, platform, member_id`, { t: tenant });
  if (rows.length === 0) return 0;
  const at = linkStamp(now);
  await wh.insert('identity_links', rows.map((r) => ({ tenant_id: tenant, ...r, state: 'suggested', updated_at: at })));
  return rows.length;
}
