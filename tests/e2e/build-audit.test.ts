/**
 * The built extension and the repository, audited: no service-role key
 * anywhere, host permission only for the backend the member chooses, no always-on content
 * script, and every permission the manifests ask for explained in docs/permissions.md. Runs in the
 * e2e project because it reads the build (READCLUB_OUT_DIR, else .output), which
 * tests/run-all.sh makes before Vitest runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { pngSize } from '../support/png-size';
import { DEFAULT_JWT_SECRET, LOCAL_SECRET_KEY, LOCAL_SERVICE_ROLE_KEY } from '../../supabase/local/keys';

const OUT = resolve(process.env.READCLUB_OUT_DIR ?? '.output');
const BUILDS = { chrome: join(OUT, 'chrome-mv3'), firefox: join(OUT, 'firefox-mv2') };
const TEST_HOSTS = ['http://localhost/*', 'http://127.0.0.1/*'];
const BACKEND_HOSTS = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];
/** Supabase's published local demo keys (legacy JWT and secret key): only in the stand-in, which never ships. */
const DEMO_KEY_HOME = 'supabase/local/keys.ts';
const DEMO_KEYS = [LOCAL_SERVICE_ROLE_KEY, LOCAL_SECRET_KEY];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** Text of a file, or null for binaries and very large files. */
function textOf(path: string): string | null {
  if (statSync(path).size > 20_000_000) return null;
  const bytes = readFileSync(path);
  return bytes.subarray(0, 8000).includes(0) ? null : bytes.toString('utf8');
}

const JWT = /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

/** Service-role keys in text: legacy JWTs whose role is service_role, sb_secret_ keys, env assignments. */
export function findSecrets(text: string): string[] {
  const found: string[] = [];
  for (const [token] of text.matchAll(JWT)) {
    try {
      const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { role?: unknown };
      if (claims.role === 'service_role') found.push(token);
    } catch {
      // Not a JWT after all.
    }
  }
  for (const [key] of text.matchAll(/sb_secret_[A-Za-z0-9_-]{16,}/g)) found.push(key);
  for (const [line] of text.matchAll(/SERVICE_ROLE_KEY\s*[=:]\s*['"`]?(?!\$)[A-Za-z0-9._-]{20,}/gi)) found.push(line);
  return found;
}

/** Tracked files (git ls-files), or every file outside dependencies and builds when git is missing. */
function repoFiles(root: string): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean)
      .map((f) => join(root, f));
  } catch {
    const skip = /^(node_modules|\.git|\.output[^/]*|\.local-backend|\.wxt)(\/|$)/;
    return filesUnder(root).filter((f) => !skip.test(relative(root, f)));
  }
}

const manifestOf = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown> & { permissions?: string[] };
const built = existsSync(join(BUILDS.chrome, 'manifest.json')) && existsSync(join(BUILDS.firefox, 'manifest.json'));

describe('the secret scanner', () => {
  it('finds a service-role JWT, an sb_secret_ key and a service-role env line, and not the anon key', () => {
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const service = `${b64({ alg: 'HS256' })}.${b64({ role: 'service_role', iss: 'x' })}.c2ln`;
    const anon = `${b64({ alg: 'HS256' })}.${b64({ role: 'anon' })}.c2ln`;
    const secret = ['sb', 'secret', 'AbCdEfGhIjKlMnOpQrSt'].join('_');
    expect(findSecrets(`const k = "${service}"; const a = "${anon}";`)).toEqual([service]);
    expect(findSecrets(`key: '${secret}'`)).toEqual([secret]);
    expect(findSecrets(['SUPABASE_SERVICE', 'ROLE_KEY=abcdefghijklmnopqrstuvwxyz'].join('_'))).toHaveLength(1);
    expect(findSecrets('if (key.startsWith("sb_secret_")) refuse(); role === "service_role"')).toEqual([]);
  });
});

describe.skipIf(!built)('the built extension (Chrome and Firefox)', () => {
  const files = Object.values(BUILDS).flatMap(filesUnder);

  it('holds no service-role key, and not the stand-in’s demo service keys or JWT secret', () => {
    const hits = files.flatMap((path) => {
      const text = textOf(path);
      if (text === null) return [];
      const own = [...DEMO_KEYS, DEFAULT_JWT_SECRET].filter((s) => text.includes(s));
      return [...findSecrets(text), ...own].map((hit) => `${relative(OUT, path)}: ${hit.slice(0, 40)}…`);
    });
    expect(files.length).toBeGreaterThan(5);
    expect(hits).toEqual([]);
  });

  it('has no always-on content script and no host access at install beyond the test build’s localhost', () => {
    for (const dir of Object.values(BUILDS)) {
      const manifest = manifestOf(dir);
      expect(manifest.content_scripts).toBeUndefined();
      const hosts = [
        ...((manifest.host_permissions as string[]) ?? []),
        ...(manifest.permissions ?? []).filter((p) => p.includes('://') || p === '<all_urls>'),
      ];
      expect(hosts.filter((h) => !TEST_HOSTS.includes(h))).toEqual([]);
    }
  });

  it('asks for a chosen backend’s host at runtime (optional), nothing else', () => {
    expect(manifestOf(BUILDS.chrome).optional_host_permissions).toEqual(BACKEND_HOSTS);
    expect(manifestOf(BUILDS.chrome).optional_permissions).toBeUndefined();
    expect(manifestOf(BUILDS.firefox).optional_permissions).toEqual(BACKEND_HOSTS);
  });

  it('keeps the browsers’ default extension CSP (no remote or inline script, no eval)', () => {
    for (const dir of Object.values(BUILDS)) expect(manifestOf(dir).content_security_policy).toBeUndefined();
    const pages = files.filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(0);
    for (const page of pages) expect(readFileSync(page, 'utf8')).not.toMatch(/<script(?![^>]*\bsrc=["']\/)[^>]*>\s*\S/);
  });

  it('docs/permissions.md explains every permission either manifest asks for', () => {
    const page = readFileSync('docs/permissions.md', 'utf8');
    const section = /^# Permissions\n([\s\S]*?)(?=^## )/m.exec(page)?.[1] ?? '';
    expect(section).not.toBe('');
    const asked = Object.values(BUILDS).flatMap((dir) => {
      const m = manifestOf(dir);
      return [
        ...(m.permissions ?? []),
        ...((m.host_permissions as string[]) ?? []),
        ...((m.optional_host_permissions as string[]) ?? []),
        ...((m.optional_permissions as string[]) ?? []),
      ];
    });
    const missing = [...new Set(asked)].filter((p) => !section.includes(`\`${p}\``));
    expect(missing).toEqual([]);
  });
});

describe.skipIf(!built)('the clipper as shipped (injected on every clip, so built smaller)', () => {
  for (const [browser, dir] of Object.entries(BUILDS)) {
    it(`${browser}: carries no rule switches, no Readability debug logging, and Readability's names on page elements fixed`, () => {
      const clipper = readFileSync(join(dir, 'clipper.js'), 'utf8');
      // READCLUB_EVERY_RULE_ON (utils/clipper/rules.ts): the switches and most rule names go.
      for (const name of ['headline-box', 'relaxed-retry', 'stated-whole', 'json-ld-body', 'keep-article-lists'])
        expect(clipper).not.toContain(name);
      // Readability's this.log calls (a no-op without its debug option) and their arguments go.
      for (const message of ['grabArticle', 'pre-prep', 'Cleaning Conditionally']) expect(clipper).not.toContain(message);
      // The two properties Readability sets on the page's elements get fixed names (wxt.config.ts).
      expect(clipper).toMatch(/\._r\b/);
      expect(clipper).toMatch(/\._t\b/);
      expect(clipper).not.toContain('_readabilityDataTable');
    });

    it(`${browser}: its value as a script is the clip, which is what executeScript hands back`, () => {
      const html = readFileSync(resolve('tests/fixtures/readability-test-pages/aclu/source.html'), 'utf8');
      const { document } = parseHTML(html);
      Object.assign(document, { getSelection: () => ({ rangeCount: 0, isCollapsed: true }) });
      const clipper = readFileSync(join(dir, 'clipper.js'), 'utf8');
      const result = runInNewContext(clipper, { document, location: { href: 'https://example.org/aclu' }, URL }) as unknown;
      expect(result).toMatchObject({
        ok: true,
        clip: { kind: 'article', title: 'Facebook Is Tracking Me Even Though I’m Not on Facebook' },
      });
    });
  }
});

const ICON_SIZES = ['16', '32', '48', '128'];

describe.skipIf(!built)('the icon in both builds', () => {
  /** Each size's file, checked to exist in the build and to be a PNG of that many pixels square. */
  const checkIcons = (dir: string, icons: unknown) => {
    expect(Object.keys(icons as object).sort()).toEqual([...ICON_SIZES].sort());
    for (const [size, path] of Object.entries(icons as Record<string, string>)) {
      const file = join(dir, path);
      expect(existsSync(file), `${relative(OUT, file)} exists`).toBe(true);
      expect(pngSize(readFileSync(file)), `${relative(OUT, file)} is ${size} px`).toEqual({
        width: Number(size),
        height: Number(size),
      });
    }
  };
  type Manifest = Record<string, { default_icon?: unknown; default_area?: string } | undefined>;

  it('Chrome: the extension and its toolbar button carry the icon at 16, 32, 48 and 128 px', () => {
    const manifest = manifestOf(BUILDS.chrome);
    checkIcons(BUILDS.chrome, manifest.icons);
    checkIcons(BUILDS.chrome, (manifest as Manifest).action?.default_icon);
  });

  it('Firefox: the extension, its toolbar button (on the toolbar itself) and its sidebar carry the icon', () => {
    const manifest = manifestOf(BUILDS.firefox) as Manifest & { icons?: unknown };
    checkIcons(BUILDS.firefox, manifest.icons);
    checkIcons(BUILDS.firefox, manifest.browser_action?.default_icon);
    checkIcons(BUILDS.firefox, manifest.sidebar_action?.default_icon);
    expect(manifest.browser_action?.default_area).toBe('navbar');
  });
});

describe('the repository', () => {
  it('tracks no service-role key; the stand-in’s published demo keys live only in their own file', () => {
    const root = resolve('.');
    const hits = repoFiles(root).flatMap((path) => {
      const text = existsSync(path) ? textOf(path) : null;
      if (text === null) return [];
      const rel = relative(root, path);
      return findSecrets(text)
        .filter((hit) => !(rel === DEMO_KEY_HOME && DEMO_KEYS.some((key) => hit.includes(key))))
        .map((hit) => `${rel}: ${hit.slice(0, 40)}…`);
    });
    expect(hits).toEqual([]);
    // Supabase's local demo keys are public (printed by `supabase start`, open only local stacks).
    for (const key of DEMO_KEYS) expect(readFileSync(DEMO_KEY_HOME, 'utf8')).toContain(key);
  });
});
