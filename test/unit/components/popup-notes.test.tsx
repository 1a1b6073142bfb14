// @vitest-environment jsdom
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { $, button, click, settle, typeInto } from '../../support/dom';
import { library, mount, row, rowIds, unmount } from '../../support/popup';

const NOTE = '<think> x < y';
const LLAMA = '2407.21783';
const DIFFUSION = '2112.10752';

/** The library of the popup tests, the Llama paper with a note. */
function withNote(note = NOTE) {
  return library().map((p) => (p.id === LLAMA ? { ...p, note } : p));
}

/** Types into the note field as a person would. */
const write = (field: HTMLElement, text: string) => typeInto(field as HTMLInputElement, text);

async function press(target: Element, key: string, init: KeyboardEventInit = {}): Promise<void> {
  await act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
  await settle();
}

async function submit(form: Element): Promise<void> {
  await act(() => {
    form.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
  });
  await settle();
}

afterEach(unmount);
beforeEach(() => {
  document.body.innerHTML = '';
});

describe('notes in the popup', () => {
  it('shows a note as its exact text, never as markup', async () => {
    const { root } = await mount(withNote());
    const text = $(row(root, LLAMA), '.note-text');
    expect(text.textContent).toBe(`Note: ${NOTE}`);
    expect(text.lastChild?.nodeType).toBe(Node.TEXT_NODE);
    expect(text.lastChild?.textContent).toBe(NOTE);
    expect(root.querySelector('think')).toBeNull();
    // A paper without a note shows none, and offers to add one.
    expect(row(root, DIFFUSION).querySelector('.note')).toBeNull();
    expect(button(row(root, DIFFUSION), '+ Note')).toBeTruthy();
    expect(row(root, LLAMA).querySelector('.add-note')).toBeNull();
  });

  it('adds a note: "+ Note" opens a named field, "Save note" stores it, the focus goes to "Edit note"', async () => {
    const { root, calls } = await mount();
    await click(button(row(root, DIFFUSION), '+ Note'));
    const field = $(row(root, DIFFUSION), '.note-editor textarea') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(field);
    expect(field.getAttribute('aria-label')).toBe('Note on “Latent Diffusion Models”');
    expect(document.getElementById(field.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Ctrl+Enter saves, Esc cancels',
    );
    expect(field.maxLength).toBe(10_000);
    // No Remove button for a note that does not exist yet.
    expect(row(root, DIFFUSION).querySelector('.note-editor .danger')).toBeNull();

    await write(field, `Line one\n${NOTE}`);
    await submit($(row(root, DIFFUSION), '.note-editor'));
    expect(calls).toContain(`setNote ${DIFFUSION} ${JSON.stringify(`Line one\n${NOTE}`)}`);
    expect(row(root, DIFFUSION).querySelector('.note-editor')).toBeNull();
    expect($(row(root, DIFFUSION), '.note-text').textContent).toBe(`Note: Line one\n${NOTE}`);
    expect($(root, '.status').textContent).toContain('Note saved.');
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Edit note on “Latent Diffusion Models”');
    expect(document.activeElement?.textContent).toBe('Edit note');
    expect(row(root, DIFFUSION).querySelector('.add-note')).toBeNull();
  });

  it('edits with the keyboard: Escape cancels (nothing stored), Ctrl+Enter saves, arrows stay in the field', async () => {
    const { root, calls } = await mount(withNote());
    await click(button(row(root, LLAMA), 'Edit note'));
    const field = () => $(row(root, LLAMA), '.note-editor textarea') as HTMLTextAreaElement;
    expect(field().value).toBe(NOTE);
    expect(document.activeElement).toBe(field());

    await press(field(), 'ArrowDown');
    expect(document.activeElement).toBe(field());

    await write(field(), 'changed my mind');
    await press(field(), 'Escape');
    expect(calls.filter((c) => c.startsWith('setNote'))).toEqual([]);
    expect($(row(root, LLAMA), '.note-text').textContent).toBe(`Note: ${NOTE}`);
    expect(document.activeElement?.textContent).toBe('Edit note');

    // Reopened, the field starts from the stored note again.
    await click(button(row(root, LLAMA), 'Edit note'));
    expect(field().value).toBe(NOTE);
    await write(field(), 'Read §3 first');
    await press(field(), 'Enter', { ctrlKey: true });
    expect(calls).toContain(`setNote ${LLAMA} "Read §3 first"`);
    expect($(row(root, LLAMA), '.note-text').textContent).toBe('Note: Read §3 first');
  });

  it('removes a note from its field; "+ Note" comes back with the focus', async () => {
    const { root, calls } = await mount(withNote());
    await click(button(row(root, LLAMA), 'Edit note'));
    const remove = $(row(root, LLAMA), '.note-editor .danger');
    expect(remove.textContent).toBe('Remove note');
    expect(remove.getAttribute('aria-label')).toBe('Remove note on “The Llama 3 Herd of Models”');
    await click(remove);
    expect(calls).toContain(`setNote ${LLAMA} ""`);
    expect(row(root, LLAMA).querySelector('.note')).toBeNull();
    expect($(root, '.status').textContent).toContain('Note removed.');
    expect(document.activeElement).toBe(button(row(root, LLAMA), '+ Note'));
  });

  it('keeps the field and what was typed when the note cannot be stored, and says why', async () => {
    const { root } = await mount(withNote(), {
      setNote: () => Promise.reject(new Error('Storage is full.')),
    });
    await click(button(row(root, LLAMA), 'Edit note'));
    const field = $(row(root, LLAMA), '.note-editor textarea') as HTMLTextAreaElement;
    await write(field, 'a longer note');
    await submit($(row(root, LLAMA), '.note-editor'));
    expect($(root, '.status.error').textContent).toContain('Storage is full.');
    expect(($(row(root, LLAMA), '.note-editor textarea') as HTMLTextAreaElement).value).toBe('a longer note');
  });

  it('shows the beginning of a long note until asked for all of it', async () => {
    const long = `${'word '.repeat(80)}\nend`;
    const { root } = await mount(withNote(long));
    const text = () => $(row(root, LLAMA), '.note-text').textContent ?? '';
    expect(text().endsWith('…')).toBe(true);
    expect(text()).not.toContain('end');
    const toggle = button(row(root, LLAMA), 'Show all');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await click(toggle);
    expect(text()).toBe(`Note: ${long}`);
    expect(button(row(root, LLAMA), 'Show less').getAttribute('aria-expanded')).toBe('true');
  });

  it('search finds a paper by the words of its note', async () => {
    const { root } = await mount(withNote('Compare with Mixtral before Friday'));
    await typeInto($(root, '#search') as HTMLInputElement, 'mixtral');
    expect(rowIds(root)).toEqual([LLAMA]);
  });
});
