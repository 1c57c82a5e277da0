/**
 * The package as a user installs it: built from the working tree's sources into a temporary
 * folder (not the repository's dist/, which other tests read meanwhile), packed with `npm pack`,
 * and installed from the tarball into a throwaway consumer (dependencies from the npm cache the
 * project's install filled).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

// A node:test child would otherwise report to this runner in its binary protocol.
const { NODE_TEST_CONTEXT: _context, ...env } = process.env;
export const childEnv: NodeJS.ProcessEnv = env;

/** Runs a command, its output returned; a failure throws with both output streams. */
export function run(cmd: string, args: readonly string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, {
      cwd,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
    });
  } catch (e) {
    const { stdout, stderr } = e as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

/** A packed and installed wikirev. */
export interface Installed {
  /** The temporary folder holding everything (remove it when done). */
  readonly work: string;
  /** The tarball `npm pack` wrote. */
  readonly tarball: string;
  /** The consumer project with wikirev in its node_modules. */
  readonly consumer: string;
}

/**
 * Builds, packs and installs the package.
 *
 * @returns Where the tarball and the consumer are.
 */
export function packAndInstall(): Installed {
  const work = mkdtempSync(join(tmpdir(), 'wikirev-packed-'));
  const pkg = join(work, 'pkg');
  mkdirSync(pkg);
  for (const file of ['package.json', 'README.md', 'LICENSE']) {
    if (existsSync(join(ROOT, file))) copyFileSync(join(ROOT, file), join(pkg, file));
  }
  mkdirSync(join(pkg, 'docs'));
  for (const file of readdirSync(join(ROOT, 'docs'))) {
    if (/\.(md|json)$/.test(file)) copyFileSync(join(ROOT, 'docs', file), join(pkg, 'docs', file));
  }
  // The README's screenshots (package.json `files`: docs/img/*.png).
  mkdirSync(join(pkg, 'docs', 'img'));
  for (const file of readdirSync(join(ROOT, 'docs', 'img'))) {
    if (file.endsWith('.png'))
      copyFileSync(join(ROOT, 'docs', 'img', file), join(pkg, 'docs', 'img', file));
  }
  run(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), join(pkg, 'dist')], ROOT);
  run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', work], pkg);
  const name = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (name === undefined) throw new Error('npm pack wrote no tarball');
  const tarball = join(work, name);
  const consumer = join(work, 'consumer');
  mkdirSync(consumer);
  run('npm', ['init', '-y'], consumer);
  run('npm', ['pkg', 'set', 'type=module'], consumer);
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], consumer);
  return { work, tarball, consumer };
}
