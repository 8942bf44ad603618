/**
 * `npm run sandbox -- --no-slack`, run as a person runs it (a real child process through npm), drives every seed
 * vendor's journey end to end: requested and approved over Keywarden's signed HTTP endpoint, the human steps done
 * in the fakes' web consoles (a mistake first, handed back with the vendor's answer), delivered and revealed once,
 * revoked and proved at the vendor. It uses the run's Temporal server and says what happened in a transcript.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

function runSandbox(dir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const npm = process.env.npm_execpath;
  const args = ['run', '--silent', 'sandbox', '--', '--no-slack', '--dir', dir];
  const child = spawn(npm ? process.execPath : 'npm', npm ? [npm, ...args] : args, {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      // The run's own Temporal server; without it the sandbox starts an embedded one, as on a laptop.
      TEMPORAL_ADDRESS: process.env.KW_TEST_TEMPORAL_ADDRESS ?? '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

test('every vendor journey, human steps done in the consoles, ends delivered and revoked', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'keywarden-sandbox-'));
  const { code, stdout, stderr } = await runSandbox(dir);
  expect({ code, stderr: code === 0 ? '' : stderr.slice(-3000) }).toEqual({ code: 0, stderr: '' });

  const summary = stdout.slice(stdout.indexOf('== Summary'));
  for (const journey of ['Vectra Fusion (API)', 'Automox integration (API)']) {
    expect(summary).toMatch(new RegExp(`${escape(journey)}\\s+[a-z0-9]{10}\\s+✓ delivered\\s+✓ revoked`));
  }
  for (const journey of ['N-able N-central (operator)', 'Gotransverse (operator)', 'Automox invite (requester)']) {
    expect(summary).toMatch(
      new RegExp(`${escape(journey)}\\s+[a-z0-9]{10}\\s+✓ delivered\\s+✓ mistake handed back\\s+✓ revoked`),
    );
  }
  expect(summary).toContain('Every journey ended as it should.');

  // The transcript shows the steps as they happened: commands, approvals, console work and Keywarden's answers.
  expect(stdout).toContain('Avery (approver)       clicks Approve');
  expect(stdout).toMatch(/Riley \(requester\) reads +"[^"]*two-factor authentication on/);
  expect(stdout).toMatch(/Riley \(requester\) reads +"the key lacks Dunning/);
  expect(stdout).toMatch(/Keywarden → DM Riley +The N-able N-central key from request `\w+` was revoked/);
  // No secret reaches the terminal: N-central JWTs (eyJ…), Vectra netosecrets and Gotransverse keys never appear.
  expect(stdout).not.toMatch(/eyJ[\w-]{10,}|[0-9a-f]{32}/);
  expect(stdout).toMatch(/\[secret, \d+ characters, not shown\]/);

  // Keywarden's own log, kept in the sandbox's directory, is JSON lines.
  const log = (await readFile(join(dir, 'keywarden.log'), 'utf8')).trim().split('\n');
  expect(log.length).toBeGreaterThan(10);
  for (const line of log) expect(() => JSON.parse(line) as unknown).not.toThrow();
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
