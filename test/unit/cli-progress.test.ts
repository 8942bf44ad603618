/** The Temporal CLI build's progress, summarised from what `go install -v` writes to stderr. */
import { chmodSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../server/logger';
import { buildTemporalCli } from '../../server/temporal/cli';
import { BuildProgressTracker } from '../../server/temporal/cli-progress';

test('module downloads, then compiled packages, then the CLI itself are counted from go -v output', () => {
  const tracker = new BuildProgressTracker();
  expect(tracker.progress.phase).toBe('preparing');
  tracker.feed('go: downloading github.com/temporalio/cli v1.5.1\ngo: downloading go.temporal.io/server v1.29');
  // A line split across chunks is counted once it is whole.
  tracker.feed('.0\n');
  expect(tracker.progress).toMatchObject({
    phase: 'downloading modules',
    modulesDownloaded: 2,
    current: 'go.temporal.io/server v1.29.0',
  });
  tracker.feed('internal/goarch\ngo.temporal.io/server/common/log\n');
  expect(tracker.progress).toMatchObject({
    phase: 'compiling',
    packagesCompiled: 2,
    current: 'go.temporal.io/server/common/log',
  });
  tracker.feed('go: warning: "all" matched no packages\ngithub.com/temporalio/cli/cmd/temporal\n');
  expect(tracker.progress).toMatchObject({ phase: 'linking', packagesCompiled: 3 });
});

test('a failed build leaves no staging folder behind and says what go said', async () => {
  const bin = mkdtempSync(join(tmpdir(), 'kw-fake-go-'));
  const go = join(bin, 'go');
  writeFileSync(
    go,
    '#!/bin/sh\necho "go: downloading example.com/m v1.0.0" >&2\necho "no space left on device" >&2\nexit 1\n',
  );
  chmodSync(go, 0o755);
  const cacheDir = mkdtempSync(join(tmpdir(), 'kw-cli-cache-'));
  const logger = createLogger('silent');
  await expect(buildTemporalCli(cacheDir, logger, { PATH: `${bin}:/usr/bin:/bin` })).rejects.toThrow(
    /go install failed \(exit 1\):[\s\S]*no space left on device/,
  );
  expect(readdirSync(join(cacheDir, 'temporal-cli'))).toEqual([]);
});
