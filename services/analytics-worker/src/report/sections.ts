// The report's sections, in order. The counts section comes first: it creates the group entries
// that later sections fill in.
import { countsSection } from './counts-section.js';
import { kolSection } from './kol-section.js';
import { healthSection } from './health-section.js';
import { slaSection } from './sla-section.js';
import { fissionSection } from './fission-section.js';
import type { ReportSection } from './types.js';

export const REPORT_SECTIONS: ReportSection[] = [countsSection, kolSection, healthSection, slaSection, fissionSection];
