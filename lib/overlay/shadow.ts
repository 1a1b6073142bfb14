/**
 * Our elements on the site's pages live in shadow roots, so the site's CSS and ours never meet:
 * one stylesheet shared by every root, the page's theme, and following it when it changes.
 */
import { render } from 'preact';
import { HOST_CLASS } from './page';
import { CONTROLS_CSS } from './styles';

/** A host element and the container inside its shadow root that Preact renders into. */
export interface ShadowMount {
  host: HTMLElement;
  container: HTMLElement;
}

/**
 * One constructed stylesheet per document, shared by every shadow root (a `<style>` per card would
 * be parsed 2,000 times on a long page); null where constructed stylesheets are not available to us.
 */
const sheets = new WeakMap<Document, CSSStyleSheet | null>();

function sharedSheet(doc: Document): CSSStyleSheet | null {
  let sheet = sheets.get(doc);
  if (sheet === undefined) {
    try {
      const Sheet = (doc.defaultView as (Window & typeof globalThis) | null)?.CSSStyleSheet;
      sheet = Sheet ? new Sheet() : null;
      sheet?.replaceSync(CONTROLS_CSS);
    } catch {
      sheet = null;
    }
    sheets.set(doc, sheet);
  }
  return sheet;
}

/** Styles a shadow root: the shared sheet, else a `<style>` of its own. */
function adoptStyle(doc: Document, root: ShadowRoot): void {
  const sheet = sharedSheet(doc);
  if (sheet) {
    try {
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      sheets.set(doc, null);
    }
  }
  const style = doc.createElement('style');
  style.textContent = CONTROLS_CSS;
  root.append(style);
}

/** A new host (not yet in the page) with a styled open shadow root and a container in it. */
export function createShadowMount(doc: Document): ShadowMount {
  const host = doc.createElement('div');
  host.className = HOST_CLASS;
  const root = host.attachShadow({ mode: 'open' });
  const container = doc.createElement('div');
  adoptStyle(doc, root);
  root.append(container);
  return { host, container };
}

/** The site's theme: `dark` when its root element has the `dark` class. */
export function pageTheme(doc: Document): 'dark' | 'light' {
  return doc.documentElement.classList.contains('dark') ? 'dark' : 'light';
}

/** Calls `onChange` whenever the site switches its theme; returns what stops watching. */
export function watchTheme(doc: Document, onChange: () => void): () => void {
  const view = doc.defaultView;
  if (!view || !('MutationObserver' in view)) return () => {};
  const observer = new view.MutationObserver(onChange);
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

/** A mount of its own in the page's body (the keys' help, a key's confirmation) that follows the theme. */
export interface BodyMount extends ShadowMount {
  /** Unmounts what was rendered, stops following the theme and removes the host. */
  close(): void;
}

/** Adds a {@link BodyMount} to the end of the page's body, in the page's theme, following it. */
export function openBodyMount(doc: Document): BodyMount {
  const mount = createShadowMount(doc);
  const applyTheme = () => mount.host.setAttribute('data-theme', pageTheme(doc));
  applyTheme();
  (doc.body ?? doc.documentElement).append(mount.host);
  const unwatchTheme = watchTheme(doc, applyTheme);
  return {
    ...mount,
    close: () => {
      unwatchTheme();
      render(null, mount.container);
      mount.host.remove();
    },
  };
}
