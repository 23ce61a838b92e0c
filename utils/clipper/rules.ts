/**
 * The rules of the passes around Readability that can be switched off one at a time, so the
 * evaluation can measure what each one gains on pages it was not written for (leave-one-rule-out
 * ablation, docs/extraction.md). The clipper always runs with every rule on (ALL_RULES); only
 * tests/eval passes a set to switch off and a set to record which rules changed something.
 */
export type Rule =
  /** Readability again with relaxed thresholds when the reading is short. */
  | 'relaxed-retry'
  /** Furniture removed by class/id words, before and after Readability. */
  | 'boilerplate'
  /** The page's marked article body (itemprop=articleBody) as a second opinion. */
  | 'itemprop-body'
  /** The same, marked by the class names CMSs give it (entry-content, article-body…). */
  | 'marked-body'
  /** The page's sole <article> as a second opinion. */
  | 'sole-article'
  /** The stated article (marked body or sole <article>) when Readability's reading is a part of it and it is prose. */
  | 'stated-whole'
  /** JSON-LD articleBody when Readability has much less than it. */
  | 'json-ld-body'
  /** "Read also: <link>" lines inside the text. */
  | 'teaser-lines'
  /** Furniture named by one plugin's or vendor's class (sharedaddy, shariff, addthis, outbrain, taboola, yarpp, disqus…). */
  | 'boilerplate-vendors'
  /** Short lines anywhere, by wording (article-edges APPEALS): copyright notices… */
  | 'appeal-copyright'
  /** …subscribe and newsletter appeals… */
  | 'appeal-subscribe'
  /** …follow, share and app appeals… */
  | 'appeal-follow'
  /** …comment prompts… */
  | 'appeal-comments'
  /** …donate and support appeals… */
  | 'appeal-donate'
  /** …"more like this" headings… */
  | 'appeal-more-headings'
  /** …advertisement labels… */
  | 'appeal-ad-labels'
  /** …and "read also" lead-ins. */
  | 'appeal-read-also'
  /** Date lines before the first / after the last long paragraph. */
  | 'edge-dates'
  /** Link-dense lines before the first / after the last long paragraph. */
  | 'edge-links'
  /** Short headings after the last long paragraph over links or nothing. */
  | 'edge-tail-heading'
  /** Figure captions that are photo credits, and credit lines outside the prose. */
  | 'photo-credits'
  /** Link lists kept after the prose: the article's own list, rows among text rows. */
  | 'keep-article-lists'
  /** The standfirst next to the headline, put first when the content lacks it. */
  | 'standfirst'
  /** The same, found as the block after the headline that holds the page's description. */
  | 'standfirst-description'
  /** The standfirst's headline is the first <h1> holding the title, not an empty one or the site's name before it. */
  | 'standfirst-headline'
  /** The block holding the description may sit up to five levels above the headline (page builders' headers). */
  | 'standfirst-far'
  /** The same, found as the innermost block after the headline sharing the description's first 80 characters. */
  | 'standfirst-prefix'
  /** A furniture-named box holding half the page's text outside links (not only in <p>) stays. */
  | 'boilerplate-text-share'
  /** The box around the page's title heading, read alone when Readability's reading is away from it. */
  | 'headline-box';

export const RULES: readonly Rule[] = [
  'relaxed-retry',
  'boilerplate',
  'itemprop-body',
  'marked-body',
  'sole-article',
  'stated-whole',
  'json-ld-body',
  'teaser-lines',
  'boilerplate-vendors',
  'appeal-copyright',
  'appeal-subscribe',
  'appeal-follow',
  'appeal-comments',
  'appeal-donate',
  'appeal-more-headings',
  'appeal-ad-labels',
  'appeal-read-also',
  'edge-dates',
  'edge-links',
  'edge-tail-heading',
  'photo-credits',
  'keep-article-lists',
  'standfirst',
  'standfirst-description',
  'standfirst-headline',
  'standfirst-far',
  'standfirst-prefix',
  'boilerplate-text-share',
  'headline-box',
];

export interface Rules {
  /** Rules switched off. */
  off: ReadonlySet<Rule>;
  /** When given, every rule that changed something is added here. */
  fired?: Set<Rule>;
}

/** Every rule on: what the clipper runs. */
export const ALL_RULES: Rules = { off: new Set() };

/**
 * Defined as true by the clipper's production build (wxt.config.ts): there every rule is on and
 * nothing is recorded, so `on` and `fired` are constants and the minifier drops them and the
 * rules' names. Undefined everywhere else (tests, the evaluation, `npm run dev`).
 */
declare const READCLUB_EVERY_RULE_ON: boolean | undefined;
const everyRuleOn = typeof READCLUB_EVERY_RULE_ON !== 'undefined' && READCLUB_EVERY_RULE_ON;

/** Whether `rule` may act. */
export const on = (rules: Rules, rule: Rule): boolean => everyRuleOn || !rules.off.has(rule);

/** Records that `rule` acted; true, to sit at the end of a condition. */
export function fired(rules: Rules, rule: Rule): true {
  if (!everyRuleOn) rules.fired?.add(rule);
  return true;
}
