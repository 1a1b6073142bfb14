/**
 * Copying text from an extension page. The asynchronous Clipboard API is tried first; where it is
 * refused (a page without focus, an older browser), a hidden text field and `execCommand('copy')`.
 */

/**
 * Puts `text` on the clipboard.
 *
 * @throws {Error} when neither way worked.
 */
export async function copyText(doc: Document, text: string): Promise<void> {
  const clipboard = doc.defaultView?.navigator.clipboard;
  if (clipboard !== undefined) {
    try {
      await clipboard.writeText(text);
      return;
    } catch {
      // Fall through to the older way.
    }
  }
  const field = doc.createElement('textarea');
  field.value = text;
  field.setAttribute('readonly', '');
  field.style.position = 'fixed';
  field.style.opacity = '0';
  doc.body.append(field);
  const previous = doc.activeElement as HTMLElement | null;
  field.focus();
  field.select();
  const copied = doc.execCommand('copy');
  field.remove();
  previous?.focus();
  if (!copied) throw new Error('The browser did not allow copying to the clipboard.');
}
