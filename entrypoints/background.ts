import { browser } from 'wxt/browser';
import { registerBadge } from '../lib/background/badge';
import { registerContextMenu } from '../lib/background/context-menu';
import { publishChange } from '../lib/background/feed';
import { createHandlers } from '../lib/background/handlers';
import { keepAliveWhileBusy } from '../lib/background/keep-alive';
import { notifyUpdates } from '../lib/background/notify';
import { registerHandlers } from '../lib/background/server';
import { ensureIndex, indexChange } from '../lib/background/state-index';
import { registerSync } from '../lib/background/sync-service';
import { publishUpdates } from '../lib/background/updates';
import { createEnrichmentWorker, ENRICH_ALARM } from '../lib/enrich/worker';
import { onSettingsChanged } from '../lib/settings';
import { createWatchWorker, WATCH_ALARM } from '../lib/watch/worker';

// Thin wiring only. Every listener is added synchronously, so an event that wakes the worker finds it.
// Nothing here touches IndexedDB until a message, an alarm, a change or the browser's start-up arrives.
// Firefox's Manifest V2 build gets an event page too (`persistent: false`), as MV3 has everywhere: Firefox
// restarts a stopped event page for the events it listens to (a change arriving from another computer
// through storage.sync, an alarm), but not a persistent page, which stays down until the next message.
export default defineBackground({
  persistent: false,
  main: () => {
    // What changes the store reaches the open pages (the feed) and the next page loads (the state index).
    const announce = async (
      states: Parameters<typeof indexChange>[0],
      rows?: Parameters<typeof indexChange>[1],
    ) => {
      await Promise.all([publishChange(states), indexChange(states, rows)]);
    };
    const enrichment = createEnrichmentWorker({ onChanged: announce });
    const watch = createWatchWorker({
      onChanged: announce,
      onUpdates: async (updates) => {
        await publishUpdates();
        await notifyUpdates(updates).catch((error) =>
          console.warn('Daily Papers Companion: notification failed', error),
        );
      },
    });

    const sync = registerSync({
      onPapersChanged: announce,
      onQueued: () => enrichment.kick(),
    });

    const handlers = createHandlers({
      onSaved: () => {
        enrichment.kick();
        watch.kick();
      },
      onUserChange: () => sync.noteLocalChange(),
      syncNow: () => sync.runNow(),
      beforeErase: () => sync.disable(),
      openInbox: async () => {
        await browser.tabs.create({ url: browser.runtime.getURL('/inbox.html') });
      },
      checkNow: () => watch.checkNow(),
      onUpdatesChanged: async () => {
        await publishUpdates();
      },
    });
    registerHandlers(keepAliveWhileBusy(registerBadge(handlers)), {
      onActivity: () => {
        enrichment.poke();
        watch.poke();
      },
    });
    registerContextMenu(handlers);

    // The state index is rebuilt when missing (a new install, an older format), at the browser's start.
    browser.runtime.onStartup.addListener(() => void ensureIndex());
    browser.runtime.onInstalled.addListener(() => void ensureIndex());

    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === ENRICH_ALARM) enrichment.kick();
      if (alarm.name === WATCH_ALARM) watch.kick();
    });

    onSettingsChanged((settings) => {
      if (settings.fetchCodeLinks) enrichment.kick();
      if (settings.watchSaved) watch.kick();
    });
  },
});
