/**
 * The small interface the browser suite drives a browser through, so that the same test cases run in
 * Chromium (playwright-core, `drivers/chromium.ts`) and in Firefox ESR (puppeteer-core over WebDriver
 * BiDi, `drivers/firefox.ts`).
 *
 * A driver does only what differs between browsers: launching with the extension, answering requests
 * offline, opening pages, running a function in a page, real mouse and keyboard input, stopping the
 * extension's background, downloads, screenshots. Everything the tests ask of a page's elements (find by
 * role and name, click, fill, wait) is built once on top of that, in {@link TestPage}, and runs the same
 * code in both browsers.
 */

/** A reply to a request, served instead of the network. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  contentType?: string;
  body: string;
}

/** Answers a request the browser makes (a page's or the extension's); `undefined` is a 404. */
export type RequestHandler = (url: URL) => Promise<Reply | undefined>;

/** A function run in a page: at most one argument, which must survive JSON. */
export type PageFunction<A, R> = (arg: A) => R | Promise<R>;

/** One tab of a driven browser: the primitives each driver implements. */
export interface DriverPage {
  /** Navigates and waits until the page has loaded (for extension pages too). */
  goto(url: string, options?: { timeout?: number }): Promise<void>;
  reload(): Promise<void>;
  /** Runs `fn(arg)` in the page's own world and returns its (JSON) result. */
  evaluate<A, R>(fn: PageFunction<A, R>, arg: A): Promise<R>;
  /** Runs a JavaScript expression in the page (not subject to the page's CSP). */
  evaluateExpression<R>(expression: string): Promise<R>;
  /**
   * Runs `body` (the body of an async function, as source) in the world of the extension's content script
   * on this page, where `browser`/`chrome` are the content script's own, so what it sends reaches the
   * background with the content script's sender; returns its (JSON) result. Waits for the content script.
   */
  evaluateInContentScript<R>(body: string): Promise<R>;
  /** A real mouse click at viewport coordinates (CSS pixels). */
  click(x: number, y: number, options?: { shift?: boolean }): Promise<void>;
  /** A real key press: `j`, `Enter`, `Escape`, `Shift+?`. */
  press(key: string): Promise<void>;
  setViewport(size: { width: number; height: number }): Promise<void>;
  colorScheme(scheme: 'light' | 'dark'): Promise<void>;
  screenshot(file: string, options?: { fullPage?: boolean }): Promise<void>;
  /** Sets the file of the `<input type=file>` that `css` selects. */
  setInputFile(css: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void>;
  /** Runs `action`, which starts a download, and returns the downloaded file. */
  download(action: () => Promise<void>): Promise<{ filename: string; path: string }>;
  /** Runs `fn` in every document this page loads from now on, before the page's own scripts. */
  addInitScript(fn: () => void): Promise<void>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

/** What a test reads about the running extension's background. */
export interface ExtensionManifest {
  manifest_version: number;
  permissions?: string[];
  host_permissions?: string[];
  options_ui?: { page: string };
}

/** One running browser with the built extension installed, serving huggingface.co offline. */
export interface DriverBrowser {
  /** `chromium`, `firefox-mv2` or `firefox-mv3`. */
  readonly name: BrowserName;
  /** For test names: `Chromium`, `Firefox ESR (MV2)`… */
  readonly label: string;
  readonly manifestVersion: 2 | 3;
  /** `chrome-extension://ID` or `moz-extension://UUID`. */
  readonly extensionOrigin: string;
  readonly extensionId: string;
  newPage(): Promise<DriverPage>;
  /** The extension's manifest, as its running background sees it (an extension page on Firefox). */
  manifest(): Promise<ExtensionManifest>;
  /** Waits until the extension's background runs and returns its address. */
  waitForBackground(): Promise<string>;
  /**
   * Stops the extension's background at once, even in the middle of its work, as the browser may:
   * Chromium stops the service worker; Firefox terminates the event page, as about:debugging's
   * "Terminate background script" does.
   */
  stopBackground(): Promise<void>;
  /**
   * Waits until the browser suspends the idle background by itself, where it does so within a test's
   * time: Firefox's event page (MV2 and MV3), with the idle timeout the tests set. Chromium's service
   * worker (30 s) is stopped with {@link stopBackground} instead.
   */
  idleBackground(): Promise<void>;
  close(): Promise<void>;
}

export type BrowserName = 'chromium' | 'firefox-mv2' | 'firefox-mv3';

/** What every driver's `launch` takes. */
export interface LaunchSpec {
  executablePath: string;
  extensionDir: string;
  handle: RequestHandler;
  /** A fresh folder for this browser's profile, downloads and certificates; removed on close. */
  workDir: string;
}

// --- Finding elements: one implementation, run in the page, for both browsers ----------------------------

/** How a test names an element, as a person would: by role and name, label, text or CSS. */
export interface Target {
  /** A CSS selector; matches inside open shadow roots too. */
  css?: string;
  /** An ARIA role (explicit, or implicit for the usual elements). */
  role?: string;
  /** The accessible name: a string matches case-insensitively as a part; a RegExp is tested. */
  name?: string | RegExp;
  /** A visible element whose text contains this. */
  text?: string;
  /** A form control whose label contains this. */
  label?: string;
  /** Search only in the first element this CSS selects (its subtree and shadow root). */
  within?: string;
  /** Which of the matches (default the first). */
  nth?: number;
}

type WireTarget = Omit<Target, 'name'> & { name?: string | { source: string; flags: string } };

type Operation =
  | { op: 'count' }
  | { op: 'text' }
  | { op: 'attr'; name: string }
  | { op: 'disabled' }
  | { op: 'checked' }
  | { op: 'point' }
  | { op: 'focus' }
  | { op: 'fill'; value: string }
  | { op: 'select'; value: string }
  | { op: 'scroll' };

/**
 * Runs in the page: finds the elements `spec` names and applies `operation` to the first. Self-contained
 * (it is sent as source): no outside names, no function declarations.
 */
const inPage = (spec: WireTarget, operation: Operation): unknown => {
  const deepAll = (root: ParentNode, css: string, out: Element[]) => {
    out.push(...root.querySelectorAll(css));
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) deepAll(el.shadowRoot, css, out);
    return out;
  };
  const hidden = (el: Element) => el.closest('[aria-hidden="true"]') !== null;
  const textOf = (node: Node): string => {
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (node instanceof Element && node.getAttribute('aria-hidden') === 'true') return '';
    let s = '';
    for (const child of node.childNodes) s += textOf(child);
    return s;
  };
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
  const roleOf = (el: Element): string | null => {
    const explicit = el.getAttribute('role');
    if (explicit) return explicit.split(' ')[0] ?? null;
    const tag = el.localName;
    if (tag === 'button') return 'button';
    if (tag === 'a' && el.hasAttribute('href')) return 'link';
    if (tag === 'dialog') return 'dialog';
    if (tag === 'textarea') return 'textbox';
    if (tag === 'select') return (el as HTMLSelectElement).multiple ? 'listbox' : 'combobox';
    if (tag === 'input') {
      const type = (el as HTMLInputElement).type;
      if (['button', 'submit', 'reset', 'image'].includes(type)) return 'button';
      if (type === 'checkbox' || type === 'radio') return type;
      if (el.hasAttribute('list')) return 'combobox';
      if (type === 'search') return 'searchbox';
      if (['text', 'email', 'url', 'tel', 'password'].includes(type)) return 'textbox';
    }
    return null;
  };
  const nameOf = (el: Element): string => {
    const root = el.getRootNode() as Document | ShadowRoot;
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) {
      return norm(
        labelledBy
          .split(/\s+/)
          .map((id) => root.getElementById(id))
          .map((n) => (n ? textOf(n) : ''))
          .join(' '),
      );
    }
    const label = el.getAttribute('aria-label');
    if (label) return norm(label);
    const labels = (el as HTMLInputElement).labels;
    if (labels && labels.length > 0) return norm([...labels].map(textOf).join(' '));
    if (el instanceof HTMLInputElement && ['button', 'submit', 'reset'].includes(el.type)) return el.value;
    const role = roleOf(el);
    if (role && ['button', 'link', 'checkbox', 'radio', 'tab', 'option', 'menuitem'].includes(role)) {
      const text = norm(textOf(el));
      if (text) return text;
    }
    return norm(el.getAttribute('title') ?? '');
  };
  const visible = (el: Element) =>
    !hidden(el) &&
    (typeof el.checkVisibility === 'function'
      ? el.checkVisibility({ visibilityProperty: true } as CheckVisibilityOptions)
      : true);

  let roots: ParentNode[] = [document];
  if (spec.within) {
    const scope = deepAll(document, spec.within, [])[0];
    if (!scope) return operation.op === 'count' ? 0 : null;
    roots = scope.shadowRoot ? [scope, scope.shadowRoot] : [scope];
  }
  let found: Element[] = [];
  for (const root of roots) deepAll(root, spec.css ?? '*', found);
  if (spec.role) found = found.filter((el) => roleOf(el) === spec.role && visible(el));
  if (spec.name !== undefined) {
    const want = spec.name;
    found = found.filter((el) => {
      const name = nameOf(el);
      return typeof want === 'string'
        ? name.toLowerCase().includes(norm(want).toLowerCase())
        : new RegExp(want.source, want.flags).test(name);
    });
  }
  if (spec.label !== undefined) {
    const want = spec.label.toLowerCase();
    found = found.filter(
      (el) =>
        ['input', 'select', 'textarea'].includes(el.localName) && nameOf(el).toLowerCase().includes(want),
    );
  }
  if (spec.text !== undefined) {
    const want = spec.text.toLowerCase();
    found = found.filter((el) => visible(el) && norm(textOf(el)).toLowerCase().includes(want));
  }
  if (operation.op === 'count') return found.length;
  const el = found[spec.nth ?? 0] as HTMLElement | undefined;
  if (!el) return null;
  switch (operation.op) {
    case 'text':
      return el.textContent;
    case 'attr':
      return el.getAttribute(operation.name);
    case 'disabled':
      return (el as HTMLButtonElement).disabled === true;
    case 'checked':
      return (el as HTMLInputElement).checked === true;
    case 'scroll':
      el.scrollIntoView({ block: 'center', inline: 'center' });
      return true;
    case 'focus':
      el.focus();
      return true;
    case 'fill': {
      // What a person typing leaves behind: the new value and an input event (as Playwright's fill).
      el.focus();
      const input = el as HTMLInputElement;
      const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')?.set;
      if (setter) setter.call(input, operation.value);
      else input.value = operation.value;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    }
    case 'select': {
      const select = el as unknown as HTMLSelectElement;
      select.value = operation.value;
      select.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return select.value === operation.value;
    }
    case 'point': {
      // The centre of the element, once it is on screen, has stopped moving (two frames alike, as a
      // list that re-renders on scroll settles) and nothing covers it.
      const inView = (r: DOMRect) =>
        r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
      if (!inView(el.getBoundingClientRect())) el.scrollIntoView({ block: 'center', inline: 'center' });
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
      return (async () => {
        const before = el.getBoundingClientRect();
        await frame();
        await frame();
        const rect = el.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0 || rect.top !== before.top || rect.left !== before.left)
          return null;
        const x = rect.left + rect.width / 2;
        const y = rect.top + rect.height / 2;
        let hit: Element | null = document.elementFromPoint(x, y);
        while (hit?.shadowRoot) {
          const inner = hit.shadowRoot.elementFromPoint(x, y);
          if (!inner || inner === hit) break;
          hit = inner;
        }
        let node: Node | null = hit;
        while (node && node !== el) node = node.parentNode ?? (node as ShadowRoot).host ?? null;
        return node === el ? { x, y } : null;
      })();
    }
  }
  return null;
};

const wire = (target: Target): WireTarget => ({
  ...target,
  name:
    target.name instanceof RegExp ? { source: target.name.source, flags: target.name.flags } : target.name,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Options of the waits: how long, and how often to look. */
export interface WaitOptions {
  timeout?: number;
  polling?: number;
}

/**
 * A page as the tests use it: the driver's primitives, and finding and acting on elements the same way
 * in every browser (with waiting, as a person would wait for a button to appear).
 */
export class TestPage {
  constructor(readonly driver: DriverPage) {}

  goto(url: string, options?: { timeout?: number }) {
    return this.driver.goto(url, options);
  }
  reload() {
    return this.driver.reload();
  }
  /** See {@link DriverPage.evaluateInContentScript}. */
  evaluateInContentScript<R>(body: string): Promise<R> {
    return this.driver.evaluateInContentScript(body);
  }
  evaluate<R>(fn: PageFunction<undefined, R>): Promise<R>;
  evaluate<A, R>(fn: PageFunction<A, R>, arg: A): Promise<R>;
  evaluate<A, R>(fn: PageFunction<A, R>, arg?: A): Promise<R> {
    return this.driver.evaluate(fn, arg as A);
  }
  press(key: string) {
    return this.driver.press(key);
  }
  /**
   * Evaluates script text in the page's own world, awaiting a promise it ends with. Run by the browser's
   * remote protocol, so a page's Content-Security-Policy (our extension pages forbid eval) does not apply.
   */
  evaluateScript<R>(expression: string): Promise<R> {
    return this.driver.evaluateExpression<R>(expression);
  }
  close() {
    return this.driver.close();
  }
  wait(ms: number) {
    return sleep(ms);
  }

  /**
   * Polls `fn(arg)` in the page until it is truthy. Polled from here, not in the page, so that it works
   * the same in every browser and through navigations.
   */
  async waitForFunction<A>(fn: PageFunction<A, unknown>, arg?: A, options: WaitOptions = {}): Promise<void> {
    const { timeout = 30_000, polling = 20 } = options;
    const deadline = Date.now() + timeout;
    let lastError: unknown;
    for (;;) {
      try {
        if (await this.driver.evaluate(fn, arg as A)) return;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `waitForFunction timed out after ${timeout} ms: ${fn.toString().slice(0, 200)}${lastError ? ` (last error: ${lastError})` : ''}`,
        );
      }
      await sleep(polling);
    }
  }

  private run<R>(target: Target, operation: Operation): Promise<R> {
    return this.driver.evaluateExpression<R>(
      `(${inPage.toString()})(${JSON.stringify(wire(target))}, ${JSON.stringify(operation)})`,
    );
  }

  /** Waits until `target` resolves to a non-null answer of `operation`. */
  private async until<R>(target: Target, operation: Operation, timeout = 15_000): Promise<R> {
    const deadline = Date.now() + timeout;
    let lastError: unknown;
    for (;;) {
      try {
        const answer = await this.run<R | null>(target, operation);
        if (answer !== null && answer !== undefined) return answer;
      } catch (error) {
        lastError = error;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `no element ${JSON.stringify(wire(target))} for ${operation.op} within ${timeout} ms${lastError ? ` (${lastError})` : ''}`,
        );
      }
      await sleep(30);
    }
  }

  count(target: Target): Promise<number> {
    return this.run(target, { op: 'count' });
  }
  async waitFor(target: Target, options: { timeout?: number } = {}): Promise<void> {
    await this.until(target, { op: 'text' }, options.timeout);
  }
  text(target: Target): Promise<string> {
    return this.until(target, { op: 'text' });
  }
  async attr(target: Target, name: string): Promise<string | null> {
    await this.waitFor(target);
    return this.run<string | null>(target, { op: 'attr', name });
  }
  isDisabled(target: Target): Promise<boolean> {
    return this.until(target, { op: 'disabled' });
  }
  scrollIntoView(target: Target): Promise<void> {
    return this.until<boolean>(target, { op: 'scroll' }).then(() => undefined);
  }
  /** A real click in the middle of the element, once it is there and uncovered. */
  async click(target: Target, options: { shift?: boolean; timeout?: number } = {}): Promise<void> {
    const { x, y } = await this.until<{ x: number; y: number }>(target, { op: 'point' }, options.timeout);
    await this.driver.click(x, y, options);
  }
  /** Ticks a checkbox (a real click) unless it is ticked. */
  async check(target: Target): Promise<void> {
    if (!(await this.until<boolean>(target, { op: 'checked' }).catch(() => false))) await this.click(target);
  }
  async fill(target: Target, value: string): Promise<void> {
    await this.until(target, { op: 'fill', value });
  }
  async selectOption(target: Target, value: string): Promise<void> {
    await this.until(target, { op: 'select', value });
  }
  /** Focuses the element and presses a real key in it. */
  async pressIn(target: Target, key: string): Promise<void> {
    await this.until(target, { op: 'focus' });
    await this.driver.press(key);
  }

  setViewport(size: { width: number; height: number }) {
    return this.driver.setViewport(size);
  }
  colorScheme(scheme: 'light' | 'dark') {
    return this.driver.colorScheme(scheme);
  }
  screenshot(file: string, options?: { fullPage?: boolean }) {
    return this.driver.screenshot(file, options);
  }
  setInputFile(css: string, file: { name: string; mimeType: string; buffer: Buffer }) {
    return this.driver.setInputFile(css, file);
  }
  download(action: () => Promise<void>) {
    return this.driver.download(action);
  }
  addInitScript(fn: () => void) {
    return this.driver.addInitScript(fn);
  }
  bringToFront() {
    return this.driver.bringToFront();
  }
}
