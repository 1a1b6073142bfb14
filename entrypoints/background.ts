import { browser } from 'wxt/browser';
import { registerBadge } from '../lib/badge';
import { registerContextMenu } from '../lib/context-menu';
import { createEnrichmentWorker, ENRICH_ALARM } from '../lib/enrich/worker';
import { keepAliveWhileBusy } from '../lib/keep-alive';
import { publishChange } from '../lib/messages/feed';
import { createHandlers } from '../lib/messages/handlers';
import { registerHandlers } from '../lib/messages/server';
import { onSettingsChanged } from '../lib/settings';
import { registerSync } from '../lib/sync/service';

// Thin wiring only. Every listener is added synchronously, so an event that wakes the worker finds it.
// Nothing here touches IndexedDB until a message, an alarm, a change or the browser's start-up arrives.
// Firefox's Manifest V2 build gets an event page too (`persistent: false`), as MV3 has everywhere: Firefox
// restarts a stopped event page for the events it listens to (a change arriving from another computer
// through storage.sync, an alarm), but not a persistent page, which stays down until the next message.
export default defineBackground({
  persistent: false,
  main: () => {
    const enrichment = createEnrichmentWorker({ onChanged: (states) => publishChange(states) });

    const sync = registerSync({
      onPapersChanged: async (states) => {
        await publishChange(states);
      },
      onQueued: () => enrichment.kick(),
    });

    const handlers = createHandlers({
      onSaved: () => enrichment.kick(),
      onUserChange: () => sync.noteLocalChange(),
      syncNow: () => sync.runNow(),
      beforeErase: () => sync.disable(),
    });
    registerHandlers(keepAliveWhileBusy(registerBadge(handlers)), {
      onActivity: () => enrichment.poke(),
    });
    registerContextMenu(handlers);

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === ENRICH_ALARM) enrichment.kick();
    });

    onSettingsChanged((settings) => {
      if (settings.fetchCodeLinks) enrichment.kick();
    });
  },
});
