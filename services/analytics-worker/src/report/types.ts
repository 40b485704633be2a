import type { Warehouse } from '@qunpulse/warehouse';

export interface EventCounts {
  events: number;
  messages: number;
  membersJoined: number;
  membersLeft: number;
  reactions: number;
  groupEvents: number;
  /** Distinct members seen in any event. */
  members: number;
  firstEventAt: string | null;
  lastEventAt: string | null;
}

/** One group's entry; sections add their own fields (kols, status, reasons, …). */
export interface GroupReport {
  tenantId: string;
  platform: string;
  groupId: string;
  name: string;
  purpose: string;
  counts: EventCounts;
  [section: string]: unknown;
}

export interface TenantReport {
  tenantId: string;
  groups: number;
  [section: string]: unknown;
}

export interface Report {
  schema: 'qunpulse-report/v1';
  asOf: string;
  generatedAt: string;
  tenants: TenantReport[];
  groups: GroupReport[];
}

export interface ReportOptions {
  /** Report as of this instant (epoch ms); default: the latest stored event. */
  asOf?: number;
  tenantId?: string;
}

/**
 * A report section fills its fields into the group and tenant entries and, for the text form,
 * renders its own part. Sections run in the order of REPORT_SECTIONS.
 */
export interface ReportSection {
  name: string;
  fill(wh: Warehouse, report: Report, opts: { asOf: number; tenantId?: string }): Promise<void>;
  renderText?(report: Report): string;
}
