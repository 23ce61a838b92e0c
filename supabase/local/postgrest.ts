/**
 * PostgREST's RPC endpoint, the only part of the Data API the extension calls:
 * POST (or GET) /rest/v1/rpc/:fn, run as the JWT's role with its claims set, in one
 * transaction, with named arguments taken from the JSON body.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isPgError, type Db, type Queryable } from './db';
import { bearerToken, header, readBody, send } from './http';
import { postgrestJwtError, verifyJwt, type Claims } from './jwt';
import type { PublicJwk } from './keys';
import { noRpcError, postgrestErrorFromPg, type PostgrestError } from './postgrest-errors';

export interface RpcContext {
  db: Db;
  /** The legacy HS256 secret. */
  jwtSecret: string;
  /** The project's JWKS (users' ES256 access tokens). */
  jwks?: PublicJwk[];
}

const API_ROLES = new Set(['anon', 'authenticated', 'service_role']);
/** Query parameters PostgREST reads as filters or options, never as arguments. */
const RESERVED_QUERY = new Set(['select', 'order', 'limit', 'offset', 'columns', 'on_conflict', 'apikey']);

interface Routine {
  argNames: string[];
  argTypes: string[];
  required: number;
  returnsSet: boolean;
  returnsVoid: boolean;
}

/** The functions named fn in the exposed schema, with their input parameters. */
async function findRoutines(tx: Queryable, fn: string): Promise<Routine[]> {
  const rows = await tx.query<{
    names: string[] | null;
    modes: string[] | null;
    types: string[];
    ndefaults: number;
    retset: boolean;
    void: boolean;
  }>(
    `select p.proargnames as names, p.proargmodes::text[] as modes, p.pronargdefaults as ndefaults,
            p.proretset as retset, p.prorettype = 'void'::regtype as void,
            array(select format_type(t, null) from unnest(p.proargtypes::oid[]) with ordinality as a(t, i) order by i) as types
       from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public' and p.proname = $1 and p.prokind = 'f'`,
    [fn],
  );
  return rows.flatMap((row) => {
    // proargnames covers all arguments (IN, OUT, TABLE …); keep the inputs, in order.
    const names = row.names ?? [];
    const modes = row.modes ?? names.map(() => 'i');
    const inputNames = names.filter((_, i) => ['i', 'b', 'v'].includes(modes[i] ?? 'i'));
    if (inputNames.length !== row.types.length || inputNames.some((name) => name === '')) {
      return row.types.length === 0 ? [{ argNames: [], argTypes: [], required: 0, returnsSet: row.retset, returnsVoid: row.void }] : [];
    }
    return [
      {
        argNames: inputNames,
        argTypes: row.types,
        required: row.types.length - row.ndefaults,
        returnsSet: row.retset,
        returnsVoid: row.void,
      },
    ];
  });
}

/** PostgREST's overload choice: every key is a parameter and every required parameter is given. */
function chooseRoutine(routines: Routine[], keys: string[]): Routine | undefined {
  return routines.find(
    (routine) =>
      keys.every((key) => routine.argNames.includes(key)) &&
      routine.argNames.slice(0, routine.required).every((name) => keys.includes(name)),
  );
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

type RoleSettings = Map<string, Array<[string, string]>>;
const roleSettingsCache = new WeakMap<Db, Promise<RoleSettings>>();

/**
 * The API roles' own settings (`alter role … set`, e.g. statement_timeout), as PostgREST's
 * "impersonated role settings": read once from pg_roles.rolconfig, then applied with
 * set_config(…, true) in each request's transaction after it switches role, because
 * `set local role` alone does not apply a role's settings (they apply at login).
 */
function roleSettings(db: Db, tx: Queryable): Promise<RoleSettings> {
  let settings = roleSettingsCache.get(db);
  if (!settings) {
    // Read through the request's own transaction: PGlite has one connection, held by it.
    settings = tx
      .query<{ role: string; setting: string }>(
        `select r.rolname as role, unnest(r.rolconfig) as setting from pg_roles as r where r.rolname = any ($1::text[])`,
        [[...API_ROLES]],
      )
      .then((rows) => {
        const byRole: RoleSettings = new Map();
        for (const { role, setting } of rows) {
          const at = setting.indexOf('=');
          if (at > 0) byRole.set(role, [...(byRole.get(role) ?? []), [setting.slice(0, at), setting.slice(at + 1)]]);
        }
        return byRole;
      });
    settings.catch(() => roleSettingsCache.delete(db));
    roleSettingsCache.set(db, settings);
  }
  return settings;
}

/**
 * One SELECT that calls the function with arguments decoded from the JSON payload ($1).
 * `columns`: a plain `select=a,b` on a set-returning function, each row cut to those columns.
 */
export function callSql(fn: string, routine: Routine, keys: string[], columns?: string[]): string {
  const given = routine.argNames.map((name, i) => ({ name, type: routine.argTypes[i]! })).filter((arg) => keys.includes(arg.name));
  const record = given.map((arg) => `${ident(arg.name)} ${arg.type}`).join(', ');
  const args = given.map((arg) => `${ident(arg.name)} => _args.${ident(arg.name)}`).join(', ');
  const from = given.length ? `json_to_record($1::json) as _args(${record})` : `(select $1::json) as _args`;
  const call = `public.${ident(fn)}(${args})`;
  if (routine.returnsVoid) return `select ${call} from ${from}`;
  if (routine.returnsSet && columns) {
    const picked = columns.map((column) => `_pgrst_src.${ident(column)}`).join(', ');
    return `select coalesce(json_agg(_pgrst_t), '[]')::text as body, count(*)::int as rows
              from (select ${picked} from ${from}, lateral ${call} as _pgrst_src) as _pgrst_t`;
  }
  if (routine.returnsSet) {
    return `select coalesce(json_agg(_pgrst_t), '[]')::text as body, count(*)::int as rows from ${from}, lateral ${call} as _pgrst_t`;
  }
  return `select to_json(${call})::text as body, 1 as rows from ${from}`;
}

function fail(res: ServerResponse, error: PostgrestError): void {
  send(res, error.status, error.body, { ...error.headers, 'Proxy-Status': `PostgREST; error=${error.body.code}` });
}

const apiError = (status: number, code: string, message: string, details: string | null = null): PostgrestError => ({
  status,
  body: { code, message, details, hint: null },
  headers: {},
});

/** What the stand-in does not implement: a 501 that says so, never a different answer. */
const notImplemented = (what: string): PostgrestError =>
  apiError(501, 'PGRST127', 'Feature not implemented', `not implemented by the local stand-in: ${what}`);

const PLAIN_COLUMN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The request options PostgREST would honour that the stand-in does not, named; undefined when all is supported. */
function unsupported(req: IncomingMessage, url: URL, method: string): string | undefined {
  const prefer = (header(req, 'prefer') ?? '')
    .split(',')
    .map((token) => token.trim())
    .filter(Boolean);
  for (const token of prefer) {
    if (/^count=(planned|estimated)$/.test(token)) return `Prefer: ${token} (only count=exact is)`;
    if (/^(tx|max-affected|timezone|params)=/.test(token)) return `Prefer: ${token}`;
  }
  for (const name of ['order', 'limit', 'offset', 'columns', 'on_conflict', 'and', 'or', 'not']) {
    if (url.searchParams.has(name)) return `the ${name} query parameter on RPC`;
  }
  if (method === 'POST') {
    const filters = [...url.searchParams.keys()].filter((key) => key !== 'select' && key !== 'apikey');
    if (filters.length > 0) return `filters on an RPC result (${filters.join(', ')})`;
  }
  const profile = header(req, method === 'POST' ? 'content-profile' : 'accept-profile');
  if (profile !== undefined && profile !== 'public') return `the ${profile} schema (Accept-Profile/Content-Profile)`;
  const accept = header(req, 'accept');
  if (accept && !/(^|,)\s*(\*\/\*|application\/json|application\/vnd\.pgrst\.object(\+json)?)(\s*;[^,]*)?\s*(,|$)/.test(accept)) {
    return `Accept: ${accept}`;
  }
  return undefined;
}

export async function handleRpc(req: IncomingMessage, res: ServerResponse, url: URL, fn: string, ctx: RpcContext): Promise<void> {
  const method = req.method ?? 'GET';
  if (method !== 'POST' && method !== 'GET' && method !== 'HEAD')
    return fail(res, apiError(405, 'PGRST101', `Cannot use the ${method} method on RPC`));
  const readOnly = method !== 'POST';
  const missing = unsupported(req, url, method);
  if (missing) return fail(res, notImplemented(missing));
  const select = (url.searchParams.get('select') ?? '*').split(',').map((column) => column.trim());
  const columns = select.length === 1 && select[0] === '*' ? undefined : select;
  if (columns && !columns.every((column) => PLAIN_COLUMN.test(column))) {
    return fail(res, notImplemented(`select=${url.searchParams.get('select')} (only * or plain column names are)`));
  }
  const countExact = (header(req, 'prefer') ?? '').split(',').some((token) => token.trim() === 'count=exact');

  // The bearer token, or the apikey when the client sent none (both anon by default).
  const token = bearerToken(req) ?? header(req, 'apikey') ?? '';
  const verified = await verifyJwt(token, { jwtSecret: ctx.jwtSecret, jwks: ctx.jwks ?? [] }, 30);
  if (!verified.ok) {
    const { status, ...body } = postgrestJwtError(verified.failure);
    return fail(res, {
      status,
      body,
      headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${body.message}"` },
    });
  }
  const claims: Claims = verified.claims;
  const role = typeof claims.role === 'string' ? claims.role : 'anon';
  if (!API_ROLES.has(role)) {
    return fail(res, {
      status: 401,
      body: { code: '22023', message: `role "${role}" does not exist`, details: null, hint: null },
      headers: {},
    });
  }

  let payload: Record<string, unknown>;
  if (method === 'POST') {
    const text = await readBody(req);
    try {
      payload = text.trim() === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      return fail(res, apiError(400, 'PGRST102', 'Empty or invalid json'));
    }
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      return fail(res, apiError(400, 'PGRST102', 'Empty or invalid json'));
    }
  } else {
    payload = {};
    for (const [key, value] of url.searchParams) if (!RESERVED_QUERY.has(key)) payload[key] = value;
  }
  const keys = Object.keys(payload);
  const singular = (header(req, 'accept') ?? '').includes('application/vnd.pgrst.object');

  let outcome:
    | { kind: 'void'; status?: number }
    | { kind: 'body'; body: string; rows: number; set: boolean; status?: number }
    | { kind: 'error'; error: PostgrestError };
  try {
    outcome = await ctx.db.transaction(async (tx) => {
      if (readOnly) await tx.query('set transaction read only');
      const routines = await findRoutines(tx, fn);
      const routine = chooseRoutine(routines, keys);
      if (!routine) {
        return {
          kind: 'error' as const,
          error: noRpcError({ fn, argumentKeys: keys, jsonBody: method === 'POST', overloads: routines.map((r) => r.argNames) }),
        };
      }
      if (columns && !routine.returnsSet) {
        return { kind: 'error' as const, error: notImplemented(`select=${columns.join(',')} on a function that returns no set`) };
      }
      await tx.query(`set local role ${ident(role)}`);
      const settings = (await roleSettings(ctx.db, tx)).get(role) ?? [];
      if (settings.length) {
        await tx.query(`select set_config(k, v, true) from unnest($1::text[], $2::text[]) as s(k, v)`, [
          settings.map(([k]) => k),
          settings.map(([, v]) => v),
        ]);
      }
      await tx.query(
        `select set_config('search_path', 'public, extensions', true), set_config('request.jwt.claims', $1, true),
                set_config('request.method', $2, true), set_config('request.path', $3, true), set_config('request.headers', $4, true)`,
        [JSON.stringify(claims), method, url.pathname.replace(/^\/rest\/v1/, ''), JSON.stringify(req.headers)],
      );
      const [row] = await tx.query<{ body: string | null; rows: number }>(callSql(fn, routine, keys, columns), [JSON.stringify(payload)]);
      // PostgREST's response.status setting: a function may answer 4xx and still commit.
      const [setting] = await tx.query<{ status: string | null }>(`select current_setting('response.status', true) as status`);
      const override = Number(setting?.status ?? '');
      const status = setting?.status && Number.isInteger(override) && override >= 100 && override <= 599 ? override : undefined;
      if (routine.returnsVoid) return { kind: 'void' as const, status };
      return { kind: 'body' as const, body: row?.body ?? 'null', rows: row?.rows ?? 0, set: routine.returnsSet, status };
    });
  } catch (error) {
    if (!isPgError(error)) throw error;
    return fail(res, postgrestErrorFromPg(error, role !== 'anon'));
  }

  if (outcome.kind === 'error') return fail(res, outcome.error);
  if (outcome.kind === 'void') return send(res, outcome.status ?? 204);
  // HEAD: the headers GET would send, no body.
  const reply = (status: number, body: string, headers: Record<string, string>) =>
    method === 'HEAD'
      ? send(res, status, undefined, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
      : send(res, status, body, headers);
  if (outcome.status !== undefined && outcome.status !== 200) return reply(outcome.status, outcome.body, {});
  // Content-Range as PostgREST sends it: the total only with Prefer: count=exact.
  const total = (rows: number) => (countExact ? String(rows) : '*');
  if (singular && outcome.set) {
    if (outcome.rows !== 1) {
      return fail(
        res,
        apiError(406, 'PGRST116', 'Cannot coerce the result to a single JSON object', `The result contains ${outcome.rows} rows`),
      );
    }
    return reply(200, JSON.stringify((JSON.parse(outcome.body) as unknown[])[0]), { 'Content-Range': `0-0/${total(1)}` });
  }
  const range = outcome.set ? (outcome.rows > 0 ? `0-${outcome.rows - 1}/${total(outcome.rows)}` : `*/${total(0)}`) : `0-0/${total(1)}`;
  reply(200, outcome.body, { 'Content-Range': range });
}
