import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { REPO_ROOT, SHARED_FIXTURES_ENV, repositoryRoots, sharedFixture, sharedFixtureCandidates } from './shared-fixtures';

describe('where the shared corpora are looked for', () => {
  test('beside this checkout first, then beside the main checkout when this is a worktree', () => {
    const tried = sharedFixtureCandidates('extraction-dev-set', {});
    expect(tried[0]).toBe(join(REPO_ROOT, '..', 'shared', 'fixtures', 'extraction-dev-set'));
    // Every root is a checkout: the main one has .git as a folder, a worktree's is a file naming it.
    expect(repositoryRoots().length).toBe(tried.length);
  });

  test('the environment variable names the fixtures folder instead', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shared-'));
    mkdirSync(join(dir, 'extraction-dev-set'));
    writeFileSync(join(dir, 'extraction-dev-set', 'cases.json'), '{}');
    expect(sharedFixture('extraction-dev-set', 'cases.json', 'Pass it', { [SHARED_FIXTURES_ENV]: dir })).toEqual({
      dir: join(dir, 'extraction-dev-set'),
    });
  });

  test('regression: a missing corpus says every place it looked and how to give the path', () => {
    const found = sharedFixture('extraction-dev-set', 'cases.json', 'Pass its folder as the first argument', {}, '/nowhere/repo');
    expect(found).toEqual({
      error:
        'No extraction-dev-set found (looked for cases.json in /nowhere/shared/fixtures/extraction-dev-set). ' +
        `Pass its folder as the first argument, or set ${SHARED_FIXTURES_ENV} to the folder that holds extraction-dev-set/.`,
    });
  });

  test('regression: from a worktree kept outside the project folder, the main checkout’s ../shared is found', () => {
    // A main checkout at <tmp>/proj/main with ../shared/fixtures, and its worktree at <tmp>/other/wt
    // (the layout `git worktree add` makes), written by hand.
    const tmp = mkdtempSync(join(tmpdir(), 'worktree-'));
    const main = join(tmp, 'proj', 'main');
    const worktree = join(tmp, 'other', 'wt');
    mkdirSync(main, { recursive: true });
    mkdirSync(worktree, { recursive: true });
    expect(spawnSync('git', ['init', '-q', main]).status).toBe(0);
    const admin = join(main, '.git', 'worktrees', 'wt');
    mkdirSync(admin, { recursive: true });
    writeFileSync(join(admin, 'HEAD'), 'ref: refs/heads/wt\n');
    writeFileSync(join(admin, 'commondir'), '../..\n');
    writeFileSync(join(admin, 'gitdir'), `${join(worktree, '.git')}\n`);
    writeFileSync(join(worktree, '.git'), `gitdir: ${admin}\n`);
    mkdirSync(join(tmp, 'proj', 'shared', 'fixtures', 'extraction-dev-set'), { recursive: true });
    writeFileSync(join(tmp, 'proj', 'shared', 'fixtures', 'extraction-dev-set', 'cases.json'), '{}');

    expect(repositoryRoots(worktree)).toEqual([worktree, main]);
    expect(sharedFixture('extraction-dev-set', 'cases.json', 'Pass it', {}, worktree)).toEqual({
      dir: join(main, '..', 'shared', 'fixtures', 'extraction-dev-set'),
    });
  });
});
