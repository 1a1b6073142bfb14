/** axe-core run in a test page, for the accessibility checks of the browser suite. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { TestPage } from './harness';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.1 levels A and AA. */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One violation, with the nodes it was found on (CSS paths, through shadow roots). */
export interface Finding {
  id: string;
  impact: string | null;
  nodes: string[];
}

/**
 * Runs axe on the page; with `oursOnly`, keeps the nodes inside our shadow hosts (`.dpc-host`) and our
 * divider. A node in a shadow root has a target path whose first step is its host.
 */
export async function audit(page: TestPage, oursOnly: boolean): Promise<Finding[]> {
  await page.evaluateScript(`${AXE_SOURCE};0`);
  const json = await page.evaluateScript<string>(`
    axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} }, resultTypes: ['violations'] })
      .then((result) => JSON.stringify(result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes
          .filter((n) => {
            if (!${oursOnly}) return true;
            const first = Array.isArray(n.target[0]) ? n.target[0][0] : n.target[0];
            const el = document.querySelector(first);
            return Boolean(el && el.closest('.dpc-host, .dpc-divider'));
          })
          .map((n) => JSON.stringify(n.target) + ' ' + n.failureSummary.replace(/\\s+/g, ' ').slice(0, 300)),
      })).filter((v) => v.nodes.length > 0)))`);
  return JSON.parse(json) as Finding[];
}
