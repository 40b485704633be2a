// The report's sections, in order. The counts section comes first: it creates the group entries
// that later sections fill in.
import { countsSection } from './counts-section.js';
import { kolSection } from './kol-section.js';
import { healthSection } from './health-section.js';
import { slaSection } from './sla-section.js';
import { fissionSection } from './fission-section.js';
import { peersSection } from './peers-section.js';
import { segmentsSection } from './segments-section.js';
import { staffSection } from './staff-section.js';
import type { ReportSection } from './types.js';

// Peers after health: they are shown beside each group's status.
export const REPORT_SECTIONS: ReportSection[] = [countsSection, kolSection, healthSection, segmentsSection, peersSection, staffSection, slaSection, fissionSection];
