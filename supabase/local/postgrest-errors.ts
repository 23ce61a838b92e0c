/**
 * PostgREST's error responses: SQLSTATE → HTTP status exactly as mapSQLtoHTTP in
 * PostgREST's src/PostgREST/Error.hs, and the {code, details, hint, message} body.
 */
import type { PgErrorFields } from './db';

export interface PostgrestErrorBody {
  code: string;
  details: string | null;
  hint: string | null;
  message: string;
}

export interface PostgrestError {
  status: number;
  body: PostgrestErrorBody;
  headers: Record<string, string>;
}

/** `authed`: the request's role is not the anonymous role. */
export function pgErrorStatus(code: string, message: string, authed: boolean): number {
  const exact: Record<string, number> = {
    '23503': 409,
    '23505': 409,
    '25006': 405,
    '53400': 500,
    '57P01': 503,
    P0001: 400,
    '42P01': 404,
    '42P17': 500,
  };
  if (code in exact) return exact[code]!;
  if (code === '21000') return message.endsWith('requires a WHERE clause') ? 400 : 500;
  if (code === '22023') return message.startsWith('role') && message.endsWith('does not exist') ? 401 : 400;
  if (code === '42883') return message.startsWith('function xmlagg(') ? 406 : 404;
  if (code === '42501') return authed ? 403 : 401;
  if (code.startsWith('PT')) {
    const status = Number(code.slice(2));
    return Number.isInteger(status) && status >= 100 && status <= 599 ? status : 500;
  }
  const prefixes: Array<[string, number]> = [
    ['08', 503],
    ['09', 500],
    ['0L', 403],
    ['0P', 403],
    ['25', 500],
    ['28', 403],
    ['2D', 500],
    ['38', 500],
    ['39', 500],
    ['3B', 500],
    ['40', 500],
    ['53', 503],
    ['54', 500],
    ['55', 500],
    ['57', 500],
    ['58', 500],
    ['F0', 500],
    ['HV', 500],
    ['P0', 500],
    ['XX', 500],
  ];
  for (const [prefix, status] of prefixes) if (code.startsWith(prefix)) return status;
  // Everything else (22xxx data errors, 23502, 23514, 42xxx …) is the client's fault.
  return 400;
}

/** `raise sqlstate 'PGRST' using message = '{json}', detail = '{json}'`: full control of the response. */
function raisedPgrst(error: PgErrorFields): PostgrestError | null {
  try {
    const message = JSON.parse(error.message) as Partial<PostgrestErrorBody>;
    const detail = JSON.parse(error.detail ?? '') as { status: number; status_text?: string; headers?: Record<string, string> };
    if (typeof message.code !== 'string' || typeof message.message !== 'string' || typeof detail.status !== 'number') return null;
    return {
      status: detail.status,
      body: { code: message.code, message: message.message, details: message.details ?? null, hint: message.hint ?? null },
      headers: detail.headers ?? {},
    };
  } catch {
    return null;
  }
}

export function postgrestErrorFromPg(error: PgErrorFields, authed: boolean): PostgrestError {
  const code = error.code ?? 'XX000';
  if (code === 'PGRST') {
    const raised = raisedPgrst(error);
    if (raised) return raised;
    return {
      status: 500,
      body: {
        code: 'PGRST121',
        message: 'Could not parse JSON in the "RAISE SQLSTATE \'PGRST\'" error',
        details: null,
        hint: "MESSAGE must be a JSON object with obligatory keys: 'code', 'message' and optional keys: 'details', 'hint'.",
      },
      headers: {},
    };
  }
  const status = pgErrorStatus(code, error.message, authed);
  return {
    status,
    body: { code, details: error.detail || null, hint: error.hint || null, message: error.message },
    headers: status === 401 ? { 'WWW-Authenticate': 'Bearer' } : {},
  };
}

export interface NoRpcInput {
  fn: string;
  argumentKeys: string[];
  /** POST with a JSON body (PostgREST then also mentions a single json parameter). */
  jsonBody: boolean;
  /** Parameter lists of functions with this name, for the hint. */
  overloads: string[][];
}

/** PGRST202, worded as PostgREST words it. */
export function noRpcError({ fn, argumentKeys, jsonBody, overloads }: NoRpcInput): PostgrestError {
  const qualified = `public.${fn}`;
  const keys = [...argumentKeys].sort();
  const withParams = keys.length === 0 ? ' without parameters' : `(${keys.join(', ')})`;
  const detailParams = keys.length === 0 ? ' without parameters' : ` with parameter${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`;
  const best = overloads[0];
  return {
    status: 404,
    body: {
      code: 'PGRST202',
      message: `Could not find the function ${qualified}${withParams} in the schema cache`,
      details: `Searched for the function ${qualified}${detailParams}${jsonBody ? ' or with a single unnamed json/jsonb parameter' : ''}, but no matches were found in the schema cache.`,
      hint: best ? `Perhaps you meant to call the function ${qualified}(${[...best].sort().join(', ')})` : null,
    },
    headers: {},
  };
}
