/**
 * The one typed protocol between extension pages (popup, side panel, options) and the
 * background, which alone owns the Supabase client and the session. Pages never import
 * supabase-js; they send these messages and get a Reply back.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ClipRefusal } from './clippable';
import type {
  AccountDeletion,
  ClipItemArgs,
  ClipItemResult,
  ClipPayload,
  Comment,
  CommentPage,
  GroupExport,
  GroupMeetings,
  GroupNews,
  GroupQueue,
  GroupRole,
  GroupSummary,
  Highlight,
  HighlightTarget,
  InvitePreview,
  InviteSummary,
  ItemDetail,
  ItemReader,
  LibraryPage,
  Meeting,
  Member,
  QueueOrder,
  Rpcs,
  SearchHit,
  TagCount,
} from './api-types';

/** What went wrong, in words a reading-group member can act on. */
export type UserErrorKind =
  | 'network' // backend unreachable: keep the user's input, offer retry
  | 'signed-out' // no session, or it expired and could not be refreshed
  | 'invalid' // the backend refused the input (wrong code, empty name…); message says why
  | 'unclippable' // the tab cannot be read (browser page, store, PDF viewer…)
  | 'server' // anything else; message is still readable
  | 'queued'; // not sent yet, but kept in the outbox and sent later: the member's input is safe

export interface UserError {
  kind: UserErrorKind;
  message: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: UserError };

/** One change waiting in the outbox, as pages show it (utils/background/outbox.ts). */
export interface OutboxEntry {
  id: string;
  kind: 'clip' | 'comment' | 'highlight' | 'tag' | 'queue' | 'untag' | 'vote' | 'read' | 'move' | 'unqueue';
  /** The clip's title, the start of the comment, or the start of the highlighted passage. */
  label: string;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** The server refused it: it waits for Retry or Discard and blocks nothing. */
  failed: boolean;
  lastError: UserError | null;
}

export interface Account {
  userId: string;
  email: string;
  displayName: string;
}

/**
 * The result of running the clipper in a tab. `selection` is the member's selected text
 * as its own clip (with the page's metadata), when something is selected; the popup then
 * offers "Clip selection only". `link` is the link card for a page that is not an article
 * (set whenever the page has an http(s) address worth keeping). `quote` is the selection as a
 * highlight's quote (text and context, no position), for a page the group has already.
 */
export type TabClip =
  | { ok: true; clip: ClipPayload; selection: ClipPayload | null; quote?: HighlightTarget | null }
  | { ok: false; error: UserError; link: ClipPayload | null; selection: ClipPayload | null; quote?: HighlightTarget | null };

/**
 * What the clipper script itself returns: a TabClip whose refusal names its reason instead of
 * words, which keeps the messages out of the script injected into the page. The background
 * words it (clippable.ts, wordedClip) before anyone sees it.
 */
export type ClipperResult =
  | Extract<TabClip, { ok: true }>
  | (Omit<Extract<TabClip, { ok: false }>, 'error'> & { error: { kind: 'unclippable'; reason: ClipRefusal } });

export interface ProtocolMap {
  /** The signed-in account, or null. Cheap: reads the stored session, no network. */
  getAccount(): Reply<Account | null>;
  sendSignInCode(data: { email: string }): Reply<null>;
  verifySignInCode(data: { email: string; code: string }): Reply<Account>;
  signOut(): Reply<null>;

  listGroups(): Reply<GroupSummary[]>;
  createGroup(data: { name: string }): Reply<{ id: string; name: string }>;
  /** days: how long the invite works (default 7); maxUses: null or omitted for any number. */
  createInvite(data: { groupId: string; days?: number; maxUses?: number | null }): Reply<Rpcs['create_invite'][1]>;
  listInvites(data: { groupId: string }): Reply<InviteSummary[]>;
  revokeInvite(data: { inviteId: string }): Reply<{ id: string; revoked_at: string }>;
  /** A code or a link with the code at its end: the group's name and size, before joining. */
  previewInvite(data: { code: string }): Reply<InvitePreview>;
  joinGroup(data: { code: string }): Reply<{ id: string; name: string }>;
  groupMembers(data: { groupId: string }): Reply<Member[]>;
  setMemberRole(data: { groupId: string; userId: string; role: GroupRole }): Reply<{ group_id: string; user_id: string; role: GroupRole }>;
  removeMember(data: { groupId: string; userId: string }): Reply<null>;
  leaveGroup(data: { groupId: string }): Reply<null>;
  updateGroup(data: {
    groupId: string;
    name: string;
    description: string | null;
  }): Reply<{ id: string; name: string; description: string }>;
  /** confirmName: the group's name as the owner typed it. */
  deleteGroup(data: { groupId: string; confirmName: string }): Reply<null>;
  updateProfile(data: { displayName: string; avatarUrl: string | null }): Reply<Account>;
  /** The signed-in person's saved name and picture (the profile form starts from them). */
  myProfile(): Reply<Rpcs['my_profile'][1]>;
  /** Everything the member can see in the group, for a download (export_group). */
  exportGroup(data: { groupId: string }): Reply<GroupExport>;
  /** confirm: DELETE or the account's email. Then signed out here, caches and own outbox cleared. */
  deleteAccount(data: { confirm: string }): Reply<AccountDeletion>;

  /** Inject the clipper into tabId (the active tab when omitted) and return what it read. */
  clipTab(data: { tabId?: number }): Reply<TabClip>;
  /** Saves a clip (article, link card or manual entry). */
  saveClip(data: ClipItemArgs): Reply<ClipItemResult>;
  /** The item already in the group's library for this page address, or null (find_item). */
  findItem(data: { groupId: string; url: string }): Reply<ItemDetail | null>;
  tagItem(data: { itemId: string; tags: string[] }): Reply<string[]>;
  queueItem(data: { itemId: string }): Reply<NonNullable<ItemDetail['queue']>>;
  /** Whoever added it, or an owner or admin (ItemDetail.can_delete); the group's cached queue and counts follow. */
  deleteItem(data: { itemId: string; groupId: string }): Reply<null>;

  /**
   * `count` entries of the queue after `offset` (default: the first page of 50), in queue order
   * or most wanted first, with the whole queue's totals (group_queue pages, at most 200 a call).
   * "Show 50 more" asks with offset = what is loaded; a refresh asks again for what is shown.
   */
  groupQueue(data: { groupId: string; offset?: number; count?: number; order?: QueueOrder }): Reply<GroupQueue>;
  /**
   * Queue, meetings, what's new, live. beforeItemId null: to the end. Moving and
   * taking off answer the queue's first page. `title` (and `beforeTitle`) name the change in
   * "Waiting to send" when the item is not on the cached first page.
   */
  moveQueueEntry(data: { itemId: string; beforeItemId: string | null; title?: string; beforeTitle?: string }): Reply<GroupQueue>;
  unqueueItem(data: { itemId: string; title?: string }): Reply<GroupQueue>;
  voteItem(data: { itemId: string; vote: boolean; title?: string }): Reply<Rpcs['vote_item'][1]>;
  markRead(data: { itemId: string; read: boolean; title?: string }): Reply<Rpcs['mark_read'][1]>;
  groupMeetings(data: { groupId: string }): Reply<GroupMeetings>;
  /** startsAt: an ISO timestamp; leadId: a member's id or null. */
  scheduleMeeting(data: { groupId: string; startsAt: string; title: string; place: string; leadId: string | null }): Reply<Meeting>;
  cancelMeeting(data: { meetingId: string }): Reply<null>;
  /** The same fields as scheduleMeeting, all replaced; the agenda stays. */
  editMeeting(data: { meetingId: string; startsAt: string; title: string; place: string; leadId: string | null }): Reply<Meeting>;
  editAgenda(data: { meetingId: string; itemId: string; action: 'add' | 'remove' | 'move'; beforeItemId?: string | null }): Reply<Meeting>;
  recordDiscussed(data: { meetingId: string; itemId: string; discussed: boolean; takeaway: string }): Reply<Meeting>;
  finishMeeting(data: { meetingId: string }): Reply<Meeting>;
  /** What others added since I last looked; also sets the toolbar badge for the group. */
  groupNews(data: { groupId: string }): Reply<GroupNews>;
  markSeen(data: { groupId: string }): Reply<{ seen_at: string }>;
  /** Live changes for the side panel: true when the backend pushes them (Supabase Realtime), false: poll. */
  watchGroup(data: { groupId: string }): Reply<boolean>;
  /** The item with the latest page of its comments. */
  itemDetail(data: { itemId: string }): Reply<ItemDetail>;
  /**
   * A page of the item's comments (`limit` top comments, COMMENT_PAGE unless said): those before the top comment
   * `before` (its id and created_at), "Show earlier comments"; the latest without it.
   */
  itemComments(data: { itemId: string; before?: { id: string; createdAt: string } | null; limit?: number }): Reply<CommentPage>;
  /** parentId: the comment replied to (a reply to a reply joins its top comment's thread). */
  /** clientId: the page's id for this comment, kept across its retries, so sending it twice posts it once. */
  /** highlightId: a reply on that highlight (of the same item), not part of the item's own comments. */
  addComment(data: { itemId: string; body: string; parentId?: string | null; clientId?: string; highlightId?: string }): Reply<Comment>;
  /**
   * Marks a passage of the item's stored copy (target), with an optional comment (body).
   * Offline it waits in the outbox (kind 'highlight'); clientId, kept across retries, makes it land once.
   */
  addHighlight(data: { itemId: string; target: HighlightTarget; body?: string; clientId?: string }): Reply<Highlight>;
  /** The author rewrites the highlight's comment ('' for none). */
  editHighlight(data: { highlightId: string; body: string }): Reply<Highlight>;
  /** The author, or an owner or admin; its replies go with it. */
  deleteHighlight(data: { highlightId: string }): Reply<null>;
  /** The author rewrites their comment. */
  editComment(data: { commentId: string; body: string }): Reply<Comment>;
  /** The author, or an owner or admin; a comment with replies stays as "deleted". */
  deleteComment(data: { commentId: string }): Reply<null>;
  untagItem(data: { itemId: string; tag: string }): Reply<string[]>;
  /** The group's tags with counts, most used first (autocomplete, the library's filter). */
  groupTags(data: { groupId: string }): Reply<TagCount[]>;
  /** Owners and admins: rename (or merge) a tag across the group. */
  renameTag(data: { groupId: string; from: string; to: string }): Reply<{ tag: string; items: number }>;
  /** A page of the group's items from `offset` (default 0), newest first; only those tagged `tag` when given. */
  groupLibrary(data: { groupId: string; tag?: string | null; offset?: number }): Reply<LibraryPage>;
  /** A page of full-text search results (titles, text, tags, comments) from `offset`, best first; only those tagged `tag` when given. */
  searchLibrary(data: { groupId: string; query: string; tag?: string | null; offset?: number }): Reply<LibraryPage<SearchHit>>;
  /** An item's clipped copy and its comments, for the reader view. */
  itemReader(data: { itemId: string }): Reply<ItemReader>;

  /** What waits in the outbox, oldest first. */
  listOutbox(): Reply<OutboxEntry[]>;
  /** Send what waits now (only `id`, failed or not, when given); answers what still waits. */
  retryOutbox(data: { id?: string }): Reply<OutboxEntry[]>;
  discardOutbox(data: { id: string }): Reply<OutboxEntry[]>;

  /** Backend settings changed in the options page: rebuild the client. */
  backendChanged(): Reply<null>;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
