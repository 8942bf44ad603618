// `prestart`, `predoctor`, `presandbox`: runs `npm run build` only when the sources changed since the last build,
// so `npm start` starts the compiled build at once. The stamp in dist/ is a hash of every input of the build
// (the TypeScript folders tsconfig.build.json includes, both tsconfigs, package-lock.json), not of mtimes, so a
// checkout that touches files without changing them does not rebuild. Plain JavaScript: it runs before tsc.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const stampFile = join(root, 'dist', '.build-stamp');
const outputs = [join(root, 'dist', 'workflow-bundle.js'), join(root, 'dist', 'server', 'main.js')];

function log(level, msg, fields = {}) {
  const line = { level, time: new Date().toISOString(), service: 'keywarden', component: 'build', ...fields, msg };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

function filesUnder(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

function sourcesHash() {
  const build = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));
  const folders = build.include.map((folder) => join(root, folder));
  const files = [
    ...folders.flatMap(filesUnder),
    // The sandbox compiles the fake Slack and signed client it shares with the tests.
    ...filesUnder(join(root, 'test', 'support')),
    ...['tsconfig.json', 'tsconfig.build.json', 'package-lock.json'].map((name) => join(root, name)),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.slice(root.length)).update('\0').update(readFileSync(file));
  return { hash: hash.digest('hex'), files: files.length };
}

const started = Date.now();
const { hash, files } = sourcesHash();
const stamp = existsSync(stampFile) ? readFileSync(stampFile, 'utf8').trim() : '';
if (stamp === hash && outputs.every((file) => existsSync(file))) {
  log(30, 'build is up to date: sources unchanged since the last build', { files, ms: Date.now() - started });
  process.exit(0);
}
log(30, stamp ? 'sources changed since the last build: building' : 'no build yet: building', { files });
const npm = process.env.npm_execpath;
const result = npm
  ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
  : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  log(50, 'build failed', { status: result.status });
  process.exit(result.status ?? 1);
}
writeFileSync(stampFile, `${hash}\n`);
log(30, 'build finished', { ms: Date.now() - started });
