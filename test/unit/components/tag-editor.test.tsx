// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CardControls, type CardControlsProps } from '../../../components/CardControls';
import { TagEditor, type TagEditorProps } from '../../../components/TagEditor';
import type { PaperState } from '../../../lib/model/paper';
import { $, button, click, settle, t, typeInto } from '../../support/dom';

const ID = '2401.00001';
const NOTE = '<think> x < y';

let container: HTMLElement;
beforeEach(() => {
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  render(null, container);
  container.remove();
});

async function draw(element: preact.ComponentChild): Promise<void> {
  await act(() => render(element, container));
  await settle();
}

function editorProps(overrides: Partial<TagEditorProps> = {}): TagEditorProps {
  return { tags: ['rl'], knownTags: [], onChange: () => undefined, onClose: vi.fn(), t, ...overrides };
}

const noteField = () => container.querySelector<HTMLTextAreaElement>('.note-field textarea');
const write = (text: string) => typeInto(noteField() as unknown as HTMLInputElement, text);

describe('the note field of the Tags panel', () => {
  it('is not drawn without onNoteChange: the panel is exactly what it was', async () => {
    await draw(<TagEditor {...editorProps()} />);
    const without = container.innerHTML;
    await draw(<TagEditor {...editorProps({ note: NOTE })} />);
    expect(container.innerHTML).toBe(without);
    expect(container.querySelector('textarea')).toBeNull();
    expect($(container, 'legend').textContent).toBe('Edit tags');
  });

  it('shows the note exactly as written, in a field named Note', async () => {
    await draw(<TagEditor {...editorProps({ note: NOTE, onNoteChange: () => undefined })} />);
    const field = noteField()!;
    expect(field.value).toBe(NOTE);
    expect(field.closest('label')?.textContent?.startsWith('Note')).toBe(true);
    expect(field.maxLength).toBe(10_000);
    expect(container.querySelector('think')).toBeNull();
    expect($(container, 'legend').textContent).toBe('Edit tags and note');
    // The tag field keeps the focus when the panel opens.
    expect(document.activeElement?.tagName).toBe('INPUT');
  });

  it('Save note and Ctrl+Enter store what was typed; Remove note stores nothing', async () => {
    const onNoteChange = vi.fn(async (_note: string) => undefined);
    await draw(<TagEditor {...editorProps({ note: 'old', onNoteChange })} />);
    expect(button(container, 'Save note').disabled).toBe(true);
    await write(`new\n${NOTE}`);
    await click(button(container, 'Save note'));
    expect(onNoteChange).toHaveBeenLastCalledWith(`new\n${NOTE}`);
    expect($(container, '.note-status').textContent).toBe('Note saved');

    await write('by keyboard');
    await act(() => {
      noteField()!.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }),
      );
    });
    await settle();
    expect(onNoteChange).toHaveBeenLastCalledWith('by keyboard');

    await click(button(container, 'Remove note'));
    expect(onNoteChange).toHaveBeenLastCalledWith('');
    expect($(container, '.note-status').textContent).toBe('Note removed');
    expect(noteField()!.value).toBe('');
  });

  it('Done stores a changed note, then closes; Escape closes without storing', async () => {
    const onNoteChange = vi.fn(async (_note: string) => undefined);
    const onClose = vi.fn();
    await draw(<TagEditor {...editorProps({ onNoteChange, onClose })} />);
    expect(container.textContent).not.toContain('Remove note');
    await write('read later');
    await click(button(container, 'Done'));
    expect(onNoteChange).toHaveBeenCalledWith('read later');
    expect(onClose).toHaveBeenCalledTimes(1);

    onNoteChange.mockClear();
    await write('typed, then thought better of it');
    await act(() => {
      noteField()!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    expect(onClose).toHaveBeenCalledTimes(2);
    expect(onNoteChange).not.toHaveBeenCalled();
  });

  it('keeps what was typed, and stays open on Done, when the note was not stored', async () => {
    const onClose = vi.fn();
    const onNoteChange = vi.fn(() => Promise.reject(new Error('Storage is full.')));
    await draw(<TagEditor {...editorProps({ onNoteChange, onClose })} />);
    await write('a note');
    await click(button(container, 'Done'));
    expect(onClose).not.toHaveBeenCalled();
    expect(noteField()!.value).toBe('a note');
    expect($(container, '.note-status').textContent).toBe('');
  });

  it('follows a note changed elsewhere until the user types', async () => {
    const onNoteChange = () => undefined;
    await draw(<TagEditor {...editorProps({ note: 'one', onNoteChange })} />);
    await draw(<TagEditor {...editorProps({ note: 'two', onNoteChange })} />);
    expect(noteField()!.value).toBe('two');
    await write('mine');
    await draw(<TagEditor {...editorProps({ note: 'three', onNoteChange })} />);
    expect(noteField()!.value).toBe('mine');
  });
});

describe('CardControls and notes', () => {
  const state = (note?: string): PaperState => ({
    id: ID,
    state: 'seen',
    saved: false,
    tags: ['rl'],
    ...(note === undefined ? {} : { note }),
  });
  function props(overrides: Partial<CardControlsProps>): CardControlsProps {
    return {
      id: ID,
      state: state(),
      arxivUrl: `https://arxiv.org/abs/${ID}`,
      pdfUrl: `https://arxiv.org/pdf/${ID}`,
      tagsOpen: true,
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
  const tagsButton = () => [...container.querySelectorAll('button')].find((b) => b.title === 'Tags (t)')!;

  it('draw nothing about notes without onNoteChange, even when the state has a note', async () => {
    await draw(<CardControls {...props({})} />);
    const without = container.innerHTML;
    await draw(<CardControls {...props({ state: state(NOTE) })} />);
    expect(container.innerHTML).toBe(without);
    expect(tagsButton().textContent).toBe('Tags (1)');
  });

  it('with onNoteChange, edit the note of the state in the Tags panel, and say on the button that there is one', async () => {
    const onNoteChange = vi.fn(async (_note: string) => undefined);
    await draw(<CardControls {...props({ state: state(NOTE), onNoteChange })} />);
    expect(noteField()!.value).toBe(NOTE);
    expect(tagsButton().textContent).toBe('Tags (1) · Note');
    await write('changed');
    await click(button(container, 'Save note'));
    expect(onNoteChange).toHaveBeenCalledWith('changed');

    await draw(<CardControls {...props({ state: state(), onNoteChange, tagsOpen: false })} />);
    expect(tagsButton().textContent).toBe('Tags (1)');
    expect(container.querySelector('textarea')).toBeNull();
  });
});
