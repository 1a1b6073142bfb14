import { fakeBrowser } from '@webext-core/fake-browser';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  type MenusApi,
  PAPER_LINK_PATTERNS,
  paperIdFromLink,
  registerContextMenu,
  SAVE_MENU_ID,
  saveFromLink,
  titleFromLinkText,
} from '../../../lib/background/context-menu';
import { createHandlers } from '../../../lib/background/handlers';
import { deleteDb, getDb } from '../../../lib/db/schema';
import { idOf, makeRecord } from '../../fixtures/db/records';

describe('paperIdFromLink', () => {
  it.each([
    ['https://huggingface.co/papers/2407.21783', '2407.21783'],
    ['https://huggingface.co/papers/2407.21783v2#community', '2407.21783'],
    ['https://arxiv.org/abs/2407.21783', '2407.21783'],
    ['https://arxiv.org/abs/2407.21783v3', '2407.21783'],
    ['http://arxiv.org/pdf/2407.21783v1.pdf', '2407.21783'],
    ['https://www.arxiv.org/pdf/1706.03762', '1706.03762'],
    ['https://arxiv.org/abs/1501.0001', '1501.0001'],
    ['https://huggingface.co/papers/date/2025-01-31', undefined],
    ['https://huggingface.co/papers', undefined],
    ['https://arxiv.org/abs/hep-th/9901001', undefined],
    ['https://arxiv.org/list/cs.AI/recent', undefined],
    ['https://arxiv.org.evil.example/abs/2407.21783', undefined],
    ['https://user@arxiv.org/abs/2407.21783', undefined],
    ['javascript:alert(1)//arxiv.org/abs/2407.21783', undefined],
    ['not a url', undefined],
    [undefined, undefined],
  ])('%s → %s', (link, id) => {
    expect(paperIdFromLink(link)).toBe(id);
  });

  it('is offered on exactly these links', () => {
    expect(PAPER_LINK_PATTERNS).toEqual([
      'https://huggingface.co/papers/*',
      '*://arxiv.org/abs/*',
      '*://arxiv.org/pdf/*',
      '*://www.arxiv.org/abs/*',
      '*://www.arxiv.org/pdf/*',
    ]);
  });
});

describe('titleFromLinkText', () => {
  it('takes a link text that reads like a title, nothing else', () => {
    expect(titleFromLinkText('  The Llama 3 Herd\n of Models ', '2407.21783')).toBe(
      'The Llama 3 Herd of Models',
    );
    expect(titleFromLinkText('PDF', '2407.21783')).toBeUndefined();
    expect(titleFromLinkText('arXiv:2407.21783 [cs.AI] paper', '2407.21783')).toBeUndefined();
    expect(titleFromLinkText('https://arxiv.org/abs/2407.21783 link here', '2407.21783')).toBeUndefined();
    expect(titleFromLinkText(undefined, '2407.21783')).toBeUndefined();
  });
});

describe('saving from a link', () => {
  beforeEach(async () => {
    await deleteDb();
  });

  it('saves a paper unknown to the store with its id and arXiv links, and queues it for code links', async () => {
    const handlers = createHandlers({ now: () => 1_000 });
    expect(
      await saveFromLink(handlers, {
        linkUrl: 'https://arxiv.org/abs/2407.21783v2',
        linkText: 'The Llama 3 Herd of Models',
      }),
    ).toEqual({
      ok: true,
      id: '2407.21783',
    });
    const row = await getDb().papers.get('2407.21783');
    expect(row).toMatchObject({
      title: 'The Llama 3 Herd of Models',
      arxivUrl: 'https://arxiv.org/abs/2407.21783',
      pdfUrl: 'https://arxiv.org/pdf/2407.21783',
      savedAt: 1_000,
      state: 'seen',
    });
    expect(await getDb().enrichment.get('2407.21783')).toMatchObject({ status: 'pending' });
  });

  it('keeps what the store knows about a paper it has seen', async () => {
    const handlers = createHandlers({ now: () => 1_000 });
    await handlers.observePapers({
      papers: [makeRecord(1, { title: 'Known title', authors: ['Ada'] })],
      pageUrl: 'https://huggingface.co/papers',
    });
    await saveFromLink(handlers, { linkUrl: `https://huggingface.co/papers/${idOf(1)}` });
    expect(await getDb().papers.get(idOf(1))).toMatchObject({
      title: 'Known title',
      authors: ['Ada'],
      savedAt: 1_000,
    });
  });

  it('refuses a link that is not a paper, saving nothing', async () => {
    const result = await saveFromLink(createHandlers(), { linkUrl: 'https://arxiv.org/list/cs.AI/recent' });
    expect(result).toEqual({
      ok: false,
      error: 'Not a link to a paper: https://arxiv.org/list/cs.AI/recent',
    });
    expect(await getDb().papers.count()).toBe(0);
  });
});

describe('registerContextMenu', () => {
  beforeEach(async () => {
    await deleteDb();
  });

  it('adds the item on install and start-up, and saves the clicked link', async () => {
    const created: unknown[] = [];
    let removed = 0;
    let clicked: ((info: { menuItemId: string | number; linkUrl?: string }) => void) | undefined;
    const menus: MenusApi = {
      create: (properties) => created.push(properties),
      removeAll: async () => {
        removed += 1;
      },
      onClicked: {
        addListener: (listener) => {
          clicked = listener;
        },
      },
    };
    const logs: string[] = [];
    registerContextMenu(createHandlers({ now: () => 5 }), {
      menus,
      title: () => 'Save to Daily Papers Companion',
      log: (m) => logs.push(m),
    });
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    await fakeBrowser.runtime.onStartup.trigger();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(removed).toBe(2);
    expect(created).toEqual([
      {
        id: SAVE_MENU_ID,
        title: 'Save to Daily Papers Companion',
        contexts: ['link'],
        targetUrlPatterns: [...PAPER_LINK_PATTERNS],
      },
      {
        id: SAVE_MENU_ID,
        title: 'Save to Daily Papers Companion',
        contexts: ['link'],
        targetUrlPatterns: [...PAPER_LINK_PATTERNS],
      },
    ]);

    clicked?.({ menuItemId: 'something-else', linkUrl: 'https://arxiv.org/abs/2407.21783' });
    clicked?.({ menuItemId: SAVE_MENU_ID, linkUrl: 'https://arxiv.org/pdf/1706.03762v7' });
    clicked?.({ menuItemId: SAVE_MENU_ID, linkUrl: 'https://arxiv.org/abs/hep-th/9901001' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await getDb().papers.toCollection().primaryKeys()).toEqual(['1706.03762']);
    expect(logs).toEqual([
      'the link was not saved: Not a link to a paper: https://arxiv.org/abs/hep-th/9901001',
    ]);
  });
});
