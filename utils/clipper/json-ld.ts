/**
 * Reads a page's schema.org JSON-LD: every <script type="application/ld+json"> block,
 * top-level arrays and @graph lists flattened, @id references followed. Publishers write
 * it for search engines, so it is often the best source of authors and dates, and it says
 * when the page is a video or a paywalled article. Broken blocks are skipped.
 */

export type JsonLdNode = Record<string, unknown>;

export interface JsonLd {
  /** Every typed node, in document order. */
  nodes: JsonLdNode[];
  /** What the page is about: its article, else its video, else its WebPage node. */
  main: JsonLdNode | null;
  byId: Map<string, JsonLdNode>;
}

/** Writing a reading group reads (schema.org types and the subtypes publishers use). */
const ARTICLE_TYPES = new Set([
  'article',
  'advertisercontentarticle',
  'newsarticle',
  'analysisnewsarticle',
  'askpublicnewsarticle',
  'backgroundnewsarticle',
  'opinionnewsarticle',
  'reportagenewsarticle',
  'reviewnewsarticle',
  'report',
  'satiricalarticle',
  'scholarlyarticle',
  'medicalscholarlyarticle',
  'socialmediaposting',
  'blogposting',
  'liveblogposting',
  'discussionforumposting',
  'techarticle',
  'apireference',
  'book',
  'chapter',
  'review',
  'thesis',
  'recipe',
  'creativework',
  'podcastepisode',
  'legislation',
]);
const VIDEO_TYPES = new Set(['videoobject', 'movie', 'clip', 'videogallery']);
const PAGE_TYPES = new Set(['webpage', 'itempage', 'aboutpage', 'collectionpage', 'profilepage', 'qapage', 'faqpage']);

function isNode(value: unknown): value is JsonLdNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A node's types, lower-cased, without a vocabulary prefix ("schema:Article", "https://schema.org/Article"). */
export function typesOf(node: JsonLdNode): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.replace(/^.*[/:#]/, '').toLowerCase());
}

function hasType(node: JsonLdNode, types: ReadonlySet<string>): boolean {
  return typesOf(node).some((t) => types.has(t));
}

export function isVideoNode(node: JsonLdNode): boolean {
  return hasType(node, VIDEO_TYPES);
}

function parseBlock(text: string): unknown {
  // CDATA and comment wrappers are common; a stray trailing comma or control character is not fixable.
  const json = text.replace(/^\s*(<!\[CDATA\[|<!--)/, '').replace(/(\]\]>|-->)\s*$/, '');
  try {
    return JSON.parse(json);
  } catch {
    return null;
  }
}

/** Typed nodes of one block: arrays and @graph flattened, a nested mainEntity lifted out. */
function flatten(value: unknown, into: JsonLdNode[], depth = 0): void {
  if (depth > 4) return;
  if (Array.isArray(value)) {
    for (const item of value) flatten(item, into, depth + 1);
    return;
  }
  if (!isNode(value)) return;
  if (value['@type'] !== undefined) into.push(value);
  if (value['@graph'] !== undefined) flatten(value['@graph'], into, depth + 1);
  if (isNode(value.mainEntity)) flatten(value.mainEntity, into, depth + 1);
}

export function readJsonLd(doc: Document): JsonLd {
  const nodes: JsonLdNode[] = [];
  for (const script of Array.from(doc.querySelectorAll('script[type]'))) {
    const type = (script.getAttribute('type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type === 'application/ld+json') flatten(parseBlock(script.textContent ?? ''), nodes);
  }
  const byId = new Map<string, JsonLdNode>();
  for (const node of nodes) if (typeof node['@id'] === 'string' && !byId.has(node['@id'])) byId.set(node['@id'], node);
  const page = nodes.find((n) => hasType(n, PAGE_TYPES));
  const pageEntity = page ? deref(page.mainEntity, byId) : null;
  const main =
    nodes.find((n) => hasType(n, ARTICLE_TYPES)) ??
    nodes.find(isVideoNode) ??
    (pageEntity && typesOf(pageEntity).length ? pageEntity : null) ??
    page ??
    null;
  return { nodes, main, byId };
}

/** A node, or the node an {"@id": …} reference points to. */
export function deref(value: unknown, byId: Map<string, JsonLdNode>): JsonLdNode | null {
  if (!isNode(value)) return null;
  const id = value['@id'];
  // A bare reference, or a stub ({"@type": "Person", "@id": …}) of a node written out elsewhere.
  if (typeof id === 'string' && value.name === undefined) return byId.get(id) ?? (Object.keys(value).length > 1 ? value : null);
  return value;
}

/** A plain string value (or the first string of a list, or {"@value": …}). */
export function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() || null;
  if (Array.isArray(value)) {
    for (const item of value) {
      const text = textOf(item);
      if (text) return text;
    }
    return null;
  }
  if (isNode(value) && typeof value['@value'] === 'string') return value['@value'].trim() || null;
  return null;
}

/** Names of the people (or organisations) in an author/creator/publisher value: strings, objects, references, lists. */
export function namesOf(value: unknown, byId: Map<string, JsonLdNode>): string[] {
  const list = Array.isArray(value) ? value : [value];
  const names: string[] = [];
  for (const item of list.slice(0, 100)) {
    if (typeof item === 'string') {
      if (item.trim()) names.push(item.trim());
      continue;
    }
    const node = deref(item, byId);
    if (!node) continue;
    const name = textOf(node.name) ?? ([textOf(node.givenName), textOf(node.familyName)].filter(Boolean).join(' ') || null);
    if (name) names.push(name);
  }
  return names;
}

/** URLs in an image/thumbnail value: strings, ImageObjects ({url} or {contentUrl}), lists. */
export function urlsOf(value: unknown, byId: Map<string, JsonLdNode>): string[] {
  const list = Array.isArray(value) ? value : [value];
  const urls: string[] = [];
  for (const item of list.slice(0, 20)) {
    if (typeof item === 'string') urls.push(item);
    const node = deref(item, byId);
    const url = node ? (textOf(node.url) ?? textOf(node.contentUrl)) : null;
    if (url) urls.push(url);
  }
  return urls;
}

/** Whether the node says its content is not free to read (isAccessibleForFree: false). */
export function notFree(node: JsonLdNode | null): boolean {
  if (!node) return false;
  const value = node.isAccessibleForFree;
  return value === false || (typeof value === 'string' && /^(false|no|0)$/i.test(value.trim()));
}
