// @vitest-environment jsdom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { CardControls, type CardControlsProps } from '../../../components/CardControls';
import { LinkedLinks } from '../../../components/LinkedLinks';
import { t } from '../../support/dom';

afterEach(() => render(null, document.body));

const links = () =>
  [...document.querySelectorAll<HTMLAnchorElement>('a[data-linked-kind]')].map((a) => [
    a.textContent,
    a.href,
  ]);

describe('what on the Hub cites a paper', () => {
  it('links each kind that has any to the Hub list for the paper, with its count', () => {
    render(
      <LinkedLinks
        t={t}
        id="2608.09888"
        linked={{ models: 0, datasets: 1, spaces: 1200 }}
        linkClass="chip"
      />,
      document.body,
    );
    expect(links()).toEqual([
      ['Datasets: 1', 'https://huggingface.co/datasets?other=arxiv:2608.09888'],
      ['Spaces: 1,200', 'https://huggingface.co/spaces?other=arxiv:2608.09888'],
    ]);
  });

  it('shows nothing when unknown, or for an id that is not an arXiv id', () => {
    render(<LinkedLinks t={t} id="2608.09888" linked={undefined} linkClass="chip" />, document.body);
    expect(links()).toEqual([]);
    render(<LinkedLinks t={t} id="../../evil" linked={{ models: 3 }} linkClass="chip" />, document.body);
    expect(links()).toEqual([]);
  });
});

describe('a card’s controls', () => {
  const props = (extra: Partial<CardControlsProps>): CardControlsProps => ({
    t,
    id: '2608.09888',
    state: { id: '2608.09888', state: 'new', saved: true, tags: [], linked: { models: 2 } },
    arxivUrl: 'https://arxiv.org/abs/2608.09888',
    pdfUrl: 'https://arxiv.org/pdf/2608.09888',
    tagsOpen: false,
    knownTags: [],
    onToggleSaved: () => {},
    onToggleRead: () => {},
    onOpenCode: () => {},
    onTagsOpenChange: () => {},
    onTagsChange: () => {},
    ...extra,
  });

  it('show the linked models from the paper’s state, and the AI summary only when given, as text', () => {
    render(<CardControls {...props({})} />, document.body);
    expect(links()).toEqual([['Models: 2', 'https://huggingface.co/models?other=arxiv:2608.09888']]);
    expect(document.querySelector('.ai-summary')).toBeNull();
    render(<CardControls {...props({ aiSummary: 'A <i>fast</i> model.' })} />, document.body);
    expect(document.querySelector('.ai-summary')?.textContent).toBe('A <i>fast</i> model.');
    expect(document.querySelector('.ai-summary i')).toBeNull();
  });
});
