/**
 * The overlay's styles. The page stylesheet only reads our own `data-*` attributes; the controls'
 * styles live in their shadow roots so the site's CSS and ours never meet.
 */

/** Injected once into the page. */
export const PAGE_CSS = `
html:not([data-dpc-variant="paper"])[data-dpc-style="dim"] [data-paper-id][data-reading-state="read"]:not([data-dpc-focused]):not(:hover):not(:focus-within) > :not(.dpc-host),
html:not([data-dpc-variant="paper"]):not([data-dpc-style="none"]) [data-paper-id][data-dismissed="true"]:not([data-dpc-focused]):not(:hover):not(:focus-within) > :not(.dpc-host) {
  opacity: .45; filter: grayscale(.6); transition: opacity .15s;
}
@media (prefers-reduced-motion: reduce) { [data-paper-id] > * { transition: none !important; } }
html:not([data-dpc-variant="paper"])[data-dpc-style="hide"] [data-dpc-wrap-state="read"]:not(:focus-within):not([data-dpc-shown]) { display: none !important; }
html:not([data-dpc-variant="paper"]) [data-paper-id][data-saved="true"] { box-shadow: 0 0 0 2px #f59e0b; }
html:not([data-dpc-variant="paper"]) [data-paper-id][data-dpc-new="true"] { box-shadow: 0 0 0 2px #3b82f6; }
html:not([data-dpc-variant="paper"]) [data-paper-id][data-saved="true"][data-dpc-new="true"] { box-shadow: 0 0 0 2px #f59e0b, 0 0 0 4px #3b82f6; }
html:not([data-dpc-variant="paper"]) [data-dpc-muted]:not([data-dpc-muted-shown]) { display: none !important; }
html:not([data-dpc-variant="paper"]) [data-paper-id][data-dpc-followed] { outline: 2px solid #16a34a; outline-offset: 3px; }
html[data-dpc-sorted] .dpc-divider { display: none !important; }
[data-paper-id][data-dpc-focused] { outline: 3px dashed #7c3aed !important; outline-offset: 6px; }
html.dark [data-paper-id][data-dpc-focused] { outline-color: #c4b5fd !important; }
.dpc-divider { display: flex; align-items: center; gap: .5rem; padding: .35rem .75rem;
  font: 600 .75rem/1.2 system-ui, sans-serif; color: #4b5563; background: #f3f4f6; border-bottom: 1px dashed #9ca3af;
  text-transform: uppercase; letter-spacing: .04em; }
.dpc-divider::before { content: "↓"; }
html.dark .dpc-divider { color: #d1d5db; background: #1f2937; border-bottom-color: #4b5563; }
`;

/** Inside each card's shadow root. */
export const CONTROLS_CSS = `
:host { all: initial; display: block; --fg: #374151; --bg: #fff; --line: #d1d5db; --on: #f59e0b; --muted: #6b7280;
  --chip: #f3f4f6; --accent: #2563eb; font: 13px/1.3 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); }
:host([data-theme="dark"]) { --fg: #e5e7eb; --bg: #111827; --line: #374151; --muted: #9ca3af; --chip: #1f2937; --accent: #60a5fa; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 3px; padding: 6px 6px 8px; position: relative; }
/* On a narrow card (the site's grid: 385 px at 1280), the decorative signs of Save and Read give way, so the whole
   row — the watch toggle and the menu of mute and follow rules included — stays one row; the words and the
   pressed state stay. */
:host([data-dpc-controls]) { container-type: inline-size; }
@container (max-width: 420px) {
  .bar > button > .icon { display: none; }
  /* …and the row draws closer (the watch toggle made it one button longer): no target under 24 px wide. */
  .bar { gap: 2px; padding-left: 4px; padding-right: 4px; }
  .code-group { gap: 2px; }
  .stars { font-size: 12px; }
  .bar button { padding: 2px 4px; min-width: 24px; justify-content: center; }
  .bar .link { padding: 2px 2px; }
}
.code-group { display: inline-flex; align-items: center; gap: 3px; }
button, .link { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 7px;
  padding: 2px 5px; cursor: pointer; text-decoration: none; display: inline-flex; align-items: center; gap: 4px; min-height: 26px;
  box-sizing: border-box; white-space: nowrap; }
button:hover, .link:hover { border-color: var(--muted); }
button:focus-visible, .link:focus-visible, input:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
button.on { border-color: var(--on); }
button[aria-pressed="true"] { background: #fef3c7; color: #92400e; }
:host([data-theme="dark"]) button[aria-pressed="true"] { background: #451a03; color: #fde68a; }
button:disabled { opacity: .5; cursor: not-allowed; }
button[aria-disabled="true"] { cursor: default; }
.stars { color: var(--muted); }
.badge.new { background: #1d4ed8; color: #fff; border-radius: 999px; padding: 1px 6px; font-weight: 600; font-size: 11px; }
.link { border-color: transparent; padding: 2px 3px; color: var(--accent); }
.ai-summary { flex-basis: 100%; margin: 2px 0 0; color: var(--muted); font-size: 12px; }
.link:hover { border-color: transparent; text-decoration: underline; }
.tags, .chips { list-style: none; display: flex; flex-wrap: wrap; gap: 4px; margin: 0; padding: 0; }
.tags li, .chips li { background: var(--chip); border-radius: 999px; padding: 2px 8px; font-size: 12px; display: inline-flex; align-items: center; gap: 4px; }
.chips button { border: 0; padding: 0 2px; min-height: 0; background: transparent; }
.tag-editor { margin: 0; min-width: 0; display: flex; flex-direction: column; gap: 6px; padding: 10px; border: 1px solid var(--line);
  border-radius: 8px; background: var(--bg); }
.pop { flex-basis: 100%; margin: 0; padding: 0; border: 0; background: transparent; color: var(--fg); overflow: visible; }
.pop:popover-open { position: fixed; inset: auto; width: min(360px, calc(100vw - 16px)); box-shadow: 0 8px 30px rgba(0,0,0,.25); border-radius: 8px; }
.pop.rule-menu:popover-open { width: auto; max-width: min(360px, calc(100vw - 16px)); }
.rule-menu-list { list-style: none; margin: 0; padding: 4px; display: flex; flex-direction: column; gap: 2px; background: var(--bg);
  border: 1px solid var(--line); border-radius: 8px; }
.rule-menu-list button { width: 100%; justify-content: flex-start; text-align: start; }
.tag-editor form { display: flex; gap: 6px; flex-wrap: wrap; }
input { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 3px 6px; min-width: 10em; }
.note-field, .note-field label { display: flex; flex-direction: column; gap: 6px; }
textarea { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px;
  padding: 4px 6px; width: 100%; box-sizing: border-box; min-height: 4.5em; resize: vertical; }
textarea:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
.note-actions { display: flex; gap: 6px; flex-wrap: wrap; align-items: center; }
.note-status { color: var(--muted); }
.error { color: #dc2626; flex-basis: 100%; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.help { position: fixed; inset: 10% auto auto 50%; transform: translateX(-50%); z-index: 2147483647; background: var(--bg); color: var(--fg);
  border: 1px solid var(--line); border-radius: 12px; padding: 16px 20px; box-shadow: 0 10px 40px rgba(0,0,0,.3); min-width: 320px; }
.help h2 { font-size: 15px; margin: 0 0 10px; }
.help dl { display: grid; gap: 4px; margin: 0 0 12px; }
.help dl div { display: flex; gap: 12px; }
.help dt { min-width: 4em; }
.help dd { margin: 0; }
kbd { background: var(--chip); border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; font: 12px ui-monospace, monospace; }
.hidden-note { margin: 0; padding: 6px 10px; border: 1px dashed var(--line); border-radius: 8px; color: var(--muted); background: var(--bg);
  display: flex; align-items: center; gap: 4px; flex-wrap: wrap; }
.hidden-note button { padding: 0 6px; min-height: 22px; }
.toast { position: fixed; left: 50%; bottom: 24px; transform: translateX(-50%); z-index: 2147483646; display: none; align-items: center; gap: 12px;
  max-width: min(560px, calc(100vw - 32px)); padding: 8px 10px 8px 14px; border-radius: 10px; background: #111827; color: #f9fafb;
  box-shadow: 0 6px 24px rgba(0,0,0,.3); }
.toast.shown { display: flex; }
.toast-text { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
.toast-title { opacity: .85; }
.toast button { background: transparent; color: #93c5fd; border-color: #4b5563; }
:host([data-theme="dark"]) .toast { background: #f9fafb; color: #111827; }
:host([data-theme="dark"]) .toast button { color: #1d4ed8; border-color: #9ca3af; }
.foryou { position: relative; display: inline-flex; }
.foryou-chip { border-radius: 999px; font-size: 12px; min-height: 22px; }
.foryou.high .foryou-chip { background: #dcfce7; color: #14532d; border-color: #16a34a; }
.foryou.medium .foryou-chip { background: #fef9c3; color: #713f12; border-color: #ca8a04; }
:host([data-theme="dark"]) .foryou.high .foryou-chip { background: #14532d; color: #dcfce7; }
:host([data-theme="dark"]) .foryou.medium .foryou-chip { background: #713f12; color: #fef9c3; }
.foryou-words { display: none; position: absolute; left: 0; bottom: calc(100% + 4px); z-index: 2; padding: 4px 8px; border-radius: 6px;
  background: #111827; color: #f9fafb; white-space: nowrap; font-size: 12px; }
:host([data-theme="dark"]) .foryou-words { background: #f9fafb; color: #111827; }
.foryou:hover .foryou-words, .foryou-chip:focus-visible + .foryou-words, .foryou.open .foryou-words { display: block; }
.foryou-bar { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; margin: 8px 0; padding: 0; color: var(--fg); }
@media (max-width: 640px) { .bar { padding: 6px 8px; gap: 4px; } button, .link { padding: 2px 6px; } }
`;
