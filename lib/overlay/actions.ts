/**
 * What the user can do to a paper from the page (the card's buttons and the keys): each sends one
 * request and applies the state the background answers with, unless a newer one came meanwhile. A failure is shown on the paper's
 * cards by the page's `call`, never thrown.
 */
import type { PaperState } from '../model/paper';
import type { OverlayPage } from './page';

/**
 * Saves the paper, or unsaves it; the record goes along, so a paper saved here is stored whole. Returns
 * the state stored, undefined when the store did not answer.
 */
export async function toggleSaved(page: OverlayPage, id: string): Promise<PaperState | undefined> {
  const saved = !(page.states.get(id)?.saved ?? false);
  const askedAt = page.stamp();
  const reply = await page.call('setSaved', { id, saved, paper: page.records.get(id) }, id);
  if (reply) page.updateState(reply.state, askedAt);
  return reply?.state;
}

/** Marks the paper read, or unread again. Returns the state stored, undefined when the store did not answer. */
export async function toggleRead(page: OverlayPage, id: string): Promise<PaperState | undefined> {
  const read = page.states.get(id)?.state !== 'read';
  const askedAt = page.stamp();
  const reply = await page.call('setRead', { id, read }, id);
  if (reply) page.updateState(reply.state, askedAt);
  return reply?.state;
}

/**
 * Marks the paper "not interested", or interested again. Returns the state stored, undefined when the
 * store did not answer.
 */
export async function toggleDismissed(page: OverlayPage, id: string): Promise<PaperState | undefined> {
  const dismissed = page.states.get(id)?.dismissed !== true;
  const askedAt = page.stamp();
  const reply = await page.call('setDismissed', { id, dismissed }, id);
  if (reply) page.updateState(reply.state, askedAt);
  return reply?.state;
}

/**
 * Watches the paper for updates without saving it, or stops. A saved paper is always watched, so for it
 * nothing is sent. Returns the state stored, undefined when the store did not answer or nothing was sent.
 */
export async function toggleWatched(page: OverlayPage, id: string): Promise<PaperState | undefined> {
  const current = page.states.get(id);
  if (current?.saved === true) return undefined;
  const watched = current?.watched !== true;
  const askedAt = page.stamp();
  const reply = await page.call('setWatched', { id, watched }, id);
  if (reply) page.updateState(reply.state, askedAt);
  return reply?.state;
}

/** Sets the paper's tags; returns the tags stored, undefined when the store did not answer. */
export async function setTags(page: OverlayPage, id: string, tags: string[]): Promise<string[] | undefined> {
  const askedAt = page.stamp();
  const reply = await page.call('setTags', { id, tags }, id);
  if (!reply) return undefined;
  page.updateState(reply.state, askedAt);
  return reply.state.tags;
}

/**
 * Sets the paper's note (blank removes it). Rejects when the store did not answer, so the editor keeps
 * what the user typed.
 */
export async function setNote(page: OverlayPage, id: string, note: string): Promise<void> {
  const askedAt = page.stamp();
  const reply = await page.call('setNote', { id, note }, id);
  if (!reply) throw new Error('The note was not saved.');
  page.updateState(reply.state, askedAt);
}

/** Every tag in use, for suggestions; undefined when the store did not answer. */
export async function listTags(page: OverlayPage): Promise<string[] | undefined> {
  const reply = await page.call('listTags', {});
  return reply?.tags.map((t) => t.tag);
}
