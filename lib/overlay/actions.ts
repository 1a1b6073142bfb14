/**
 * What the user can do to a paper from the page (the card's buttons and the keys): each sends one
 * request and applies the state the background answers with, unless a newer one came meanwhile. A failure
 * is shown on the paper's cards by the page's `call`, never thrown.
 */
import type { RequestOf } from '../messages/protocol';
import type { PaperState } from '../model/paper';
import type { OverlayPage } from './page';

/** The messages that write one paper and answer with its state. */
type StateWrite = 'setSaved' | 'setRead' | 'setDismissed' | 'setTags' | 'setNote';

/**
 * Sends one write of paper `id` and takes the state the store answers with, unless a newer one of the
 * paper came meanwhile (see `OverlayPage.updateState`). Returns that state, undefined when the store did
 * not answer.
 */
async function write<K extends StateWrite>(
  page: OverlayPage,
  type: K,
  data: RequestOf<K>,
  id: string,
): Promise<PaperState | undefined> {
  const askedAt = page.stamp();
  const reply = await page.call(type, data, id);
  if (reply) page.updateState(reply.state, askedAt);
  return reply?.state;
}

/**
 * Saves the paper, or unsaves it; the record goes along, so a paper saved here is stored whole. Returns
 * the state stored, undefined when the store did not answer.
 */
export function toggleSaved(page: OverlayPage, id: string): Promise<PaperState | undefined> {
  const saved = !(page.states.get(id)?.saved ?? false);
  return write(page, 'setSaved', { id, saved, paper: page.records.get(id) }, id);
}

/** Marks the paper read, or unread again. Returns the state stored, undefined when the store did not answer. */
export function toggleRead(page: OverlayPage, id: string): Promise<PaperState | undefined> {
  return write(page, 'setRead', { id, read: page.states.get(id)?.state !== 'read' }, id);
}

/**
 * Marks the paper "not interested", or interested again. Returns the state stored, undefined when the
 * store did not answer.
 */
export function toggleDismissed(page: OverlayPage, id: string): Promise<PaperState | undefined> {
  return write(page, 'setDismissed', { id, dismissed: page.states.get(id)?.dismissed !== true }, id);
}

/** Sets the paper's tags; returns the tags stored, undefined when the store did not answer. */
export async function setTags(page: OverlayPage, id: string, tags: string[]): Promise<string[] | undefined> {
  return (await write(page, 'setTags', { id, tags }, id))?.tags;
}

/**
 * Sets the paper's note (blank removes it). Rejects when the store did not answer, so the editor keeps
 * what the user typed.
 */
export async function setNote(page: OverlayPage, id: string, note: string): Promise<void> {
  if ((await write(page, 'setNote', { id, note }, id)) === undefined)
    throw new Error('The note was not saved.');
}

/** Every tag in use, for suggestions; undefined when the store did not answer. */
export async function listTags(page: OverlayPage): Promise<string[] | undefined> {
  const reply = await page.call('listTags', {});
  return reply?.tags.map((t) => t.tag);
}
