/**
 * Temporal's time-skipping test server comes from Maven Central, never from a download at run time: Maven
 * resolves `test-server/pom.xml` into ~/.m2 once, and the classpath it prints is cached beside Keywarden's other
 * tools, keyed by the pom's content, so later runs (and a changed version) need no guessing.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

const SERVER_DIR = join(__dirname, '..', 'test-server');
/** The wrapper the SDK starts as an `existing-path` executable. */
export const TEST_SERVER_WRAPPER = join(SERVER_DIR, 'temporal-test-server.sh');
/** How the wrapper learns the classpath (the SDK passes only the server's own arguments). */
export const CLASSPATH_ENV = 'KEYWARDEN_TEST_SERVER_CLASSPATH';

/** The test server's classpath: from the cache when every jar is still there, else resolved by Maven. */
export function testServerClasspath(cacheRoot = defaultCacheRoot()): string {
  const pom = join(SERVER_DIR, 'pom.xml');
  const key = createHash('sha256').update(readFileSync(pom)).digest('hex').slice(0, 16);
  const cacheDir = join(cacheRoot, 'temporal-test-server');
  const classpathFile = join(cacheDir, `${key}.classpath`);
  const cached = readClasspath(classpathFile);
  if (cached) return cached;
  mkdirSync(cacheDir, { recursive: true });
  requireTool('java', ['-version'], 'a Java runtime (17 or later) runs the time-skipping test server');
  requireTool('mvn', ['-v'], 'Maven fetches the time-skipping test server from Maven Central');
  execFileSync('mvn', ['-B', '-q', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${classpathFile}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const resolved = readClasspath(classpathFile);
  if (!resolved) throw new Error(`Maven wrote no usable classpath to ${classpathFile}`);
  return resolved;
}

/** A cached classpath whose jars all still exist (~/.m2 may have been cleaned), or undefined. */
function readClasspath(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  const classpath = readFileSync(file, 'utf8').trim();
  const jars = classpath.split(delimiter).filter(Boolean);
  return jars.length > 0 && jars.every((jar) => existsSync(jar)) ? classpath : undefined;
}

function requireTool(command: string, args: string[], why: string): void {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
  } catch {
    throw new Error(`\`${command}\` is not on PATH: ${why}`);
  }
}

function defaultCacheRoot(): string {
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'keywarden');
}
