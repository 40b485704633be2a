// The extension qunpulse loads (QUNPULSE_EXTENSIONS=…/dist/index.js): its migrations, its consumer,
// its recompute step and its panel, under the namespace link_sharing.
import { fileURLToPath } from 'node:url';
import { defineExtension } from '@qunpulse/consumer-kit';
import { linkSharingConsumer } from './consumer.js';
import { topLinkSharers } from './panel.js';
import { memberDailyStep } from './step.js';

export const linkSharing = defineExtension({
  namespace: 'link_sharing',
  migrationsDir: fileURLToPath(new URL('../migrations', import.meta.url)),
  consumers: ({ warehouse }) => [linkSharingConsumer(warehouse)],
  steps: [memberDailyStep],
  panels: [topLinkSharers],
});

export default linkSharing;
export { linkSharingConsumer, topLinkSharers, memberDailyStep };
export { linksIn } from './links.js';
