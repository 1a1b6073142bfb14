/**
 * Answers of `https://huggingface.co/api/daily_papers?date=…` for tests and the bench, in the shape the
 * site answered in 2026 (see /work/shared/hf-api: an item is `{ paper, title, summary, publishedAt,
 * thumbnail, numComments, submittedBy, isAuthorParticipating, organization? }`; the listing day is
 * `paper.submittedOnDailyAt`, the item's `publishedAt` is the arXiv time shifted back a few hours).
 */

/** The arXiv id of paper `n` of day `date`: unique per day and paper, e.g. `2607.31007` for n=7 on 07-31. */
export function dayPaperId(date: string, n: number): string {
  const [, month, day] = date.split('-');
  return `26${month}.${day}${String(n).padStart(3, '0')}`;
}

/** What a generated item may differ in. */
export interface DailyItemOptions {
  upvotes?: number;
  organization?: string;
  authors?: string[];
  githubRepo?: string;
  keywords?: string[];
  title?: string;
}

/** One item of the API's answer for `date`, for the paper `id`. */
export function dailyItem(date: string, id: string, options: DailyItemOptions = {}): Record<string, unknown> {
  const title = options.title ?? `Paper ${id}: a study listed on ${date}`;
  const summary = `We study the problem of paper ${id} and report results on standard benchmarks.`;
  const organization =
    options.organization === undefined
      ? undefined
      : {
          _id: 'org',
          name: options.organization.toLowerCase().replace(/\W+/g, '-'),
          fullname: options.organization,
        };
  const paper: Record<string, unknown> = {
    id,
    authors: (options.authors ?? ['Ada Lovelace', 'Alan Turing']).map((name, i) => ({
      _id: `a${i}`,
      name,
      hidden: false,
    })),
    publishedAt: `${date}T00:00:00.000Z`,
    submittedOnDailyAt: `${date}T00:00:00.000Z`,
    title,
    summary,
    upvotes: options.upvotes ?? 1,
    discussionId: `d${id}`,
    ...(options.githubRepo === undefined ? {} : { githubRepo: options.githubRepo, githubStars: 12 }),
    ...(options.keywords === undefined ? {} : { ai_keywords: options.keywords }),
    ...(organization === undefined ? {} : { organization }),
  };
  return {
    paper,
    publishedAt: `${date}T00:00:00.000Z`,
    title,
    summary,
    thumbnail: `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${id}.png`,
    numComments: 0,
    submittedBy: { _id: 'u1', name: 'someone', fullname: 'Some One', type: 'user' },
    isAuthorParticipating: false,
    ...(organization === undefined ? {} : { organization }),
  };
}

/** A day of `count` generated papers (upvotes falling from `count`), ids from {@link dayPaperId}. */
export function dailyAnswer(date: string, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) =>
    dailyItem(date, dayPaperId(date, i + 1), { upvotes: count - i }),
  );
}

/**
 * Pages an answer as the API does: `limit` items from `p * limit` (limit 50 when not given). `url` is the
 * request's address.
 */
export function pageOf(items: readonly unknown[], url: string): unknown[] {
  const params = new URL(url).searchParams;
  const limit = Number(params.get('limit') ?? 50);
  const page = Number(params.get('p') ?? 0);
  return items.slice(page * limit, (page + 1) * limit);
}

function escapeAttribute(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

function escapeText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/**
 * The site's list page of `date` (`/papers/date/DATE`) showing `items`: the `DailyPapers` hydration JSON
 * and one card per item, in the markup of the site's cards (a thumbnail link and a title link to the paper).
 */
export function dailyPageHtml(date: string, items: readonly Record<string, unknown>[]): string {
  const props = { date: `${date}T00:00:00.000Z`, dailyPapers: items };
  const cards = items.map((item) => {
    const paper = item.paper as { id: string; upvotes: number };
    const title = escapeText(String(item.title));
    return `<div><article class="relative flex flex-col overflow-hidden rounded-xl border"><a href="/papers/${paper.id}" class="relative block h-56 w-full overflow-hidden rounded-xl border"><img src="https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${paper.id}.png" alt=""></a>
<div class="flex px-6 pb-6 pt-8"><div class="w-full"><h3 class="mb-1 text-lg/6 font-semibold"><a href="/papers/${paper.id}" class="line-clamp-3">${title}</a></h3>
<div class="leading-none">${paper.upvotes}</div></div></div></article></div>`;
  });
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Daily Papers - Hugging Face</title></head>
<body class="flex flex-col min-h-screen DailyPapersPage"><main><div class="SVELTE_HYDRATER contents" data-target="DailyPapers" data-props="${escapeAttribute(JSON.stringify(props))}"><section class="container">
<div class="relative grid grid-cols-1 gap-5 lg:grid-cols-2 xl:grid-cols-3">
${cards.join('\n')}
</div></section></div></main></body></html>
`;
}
