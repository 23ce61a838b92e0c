/**
 * Where the corpora kept outside the repository are: `../shared/fixtures/<name>` beside the
 * repository's root. In a git worktree kept elsewhere (e.g. /work/wt/x of /work/main) that is
 * beside the main checkout, so both the worktree's root and the main checkout's root are tried.
 * READCLUB_SHARED_FIXTURES names the fixtures folder instead (it holds <name>/).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED_FIXTURES_ENV = 'READCLUB_SHARED_FIXTURES';

/** This checkout's root (the worktree's, in a worktree). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The roots `../shared` may sit beside: this checkout's, then the main checkout's when this is a worktree. */
export function repositoryRoots(root: string = REPO_ROOT): string[] {
  const roots = [resolve(root)];
  const git = spawnSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: root, encoding: 'utf8' });
  const common = git.status === 0 ? git.stdout.trim() : '';
  // The common dir is <main checkout>/.git; a bare or unusual layout adds nothing.
  if (common.endsWith('/.git')) roots.push(dirname(common));
  return [...new Set(roots)];
}

/** The folders tried for the shared fixture `name`, in order. */
export function sharedFixtureCandidates(name: string, env: NodeJS.ProcessEnv = process.env, root?: string): string[] {
  const fromEnv = env[SHARED_FIXTURES_ENV];
  if (fromEnv) return [resolve(fromEnv, name)];
  return repositoryRoots(root).map((r) => join(r, '..', 'shared', 'fixtures', name));
}

/**
 * The shared fixture folder `name` (one holding `marker`), or an error that says where it
 * looked and how to give the path.
 */
export function sharedFixture(
  name: string,
  marker: string,
  how: string,
  env: NodeJS.ProcessEnv = process.env,
  root?: string,
): { dir: string } | { error: string } {
  const tried = sharedFixtureCandidates(name, env, root);
  const dir = tried.find((d) => existsSync(join(d, marker)));
  if (dir) return { dir };
  return {
    error:
      `No ${name} found (looked for ${marker} in ${tried.join(', ')}). ` +
      `${how}, or set ${SHARED_FIXTURES_ENV} to the folder that holds ${name}/.`,
  };
}

/** The extraction development set's folder, or exits with the message above. */
export function devSetDir(given: string | undefined, how: string): string {
  if (given) {
    const dir = resolve(given);
    if (existsSync(join(dir, 'cases.json')) && existsSync(join(dir, 'pages'))) return dir;
    console.error(`No extraction corpus at ${dir} (expected cases.json and pages/).`);
    process.exit(2);
  }
  const found = sharedFixture('extraction-dev-set', 'cases.json', how);
  if ('dir' in found) return found.dir;
  console.error(found.error);
  process.exit(2);
}

/** The shared fixture folder `name` where found, else the first place tried (for callers that skip a missing corpus). */
export function sharedFixturePath(name: string, marker: string): string {
  const found = sharedFixture(name, marker, '');
  return 'dir' in found ? found.dir : sharedFixtureCandidates(name)[0]!;
}
