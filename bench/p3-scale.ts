/**
 * P3: many live credentials sleeping on timers under a Keywarden worker running as its own process (the compiled
 * production entry): the worker's and the Temporal server's resident memory as they accumulate, and how fast
 * `/keys list` answers an owner of 100 of them.
 */
import { performance } from 'node:perf_hooks';
import { startKeywarden, type KeywardenProcess } from '../test/support/processes';
import { startStack, type Stack } from '../test/support/stack';
import { CredentialFactory, inPool, waitAllAsleep } from './credentials';
import { rssMb } from './environment';
import { summarize, type Figure } from './stats';

export interface P3Options {
  credentials: number;
  /** How many `/keys list` calls to time. */
  lists: number;
}

const OWNER = 'UOWNER100';
const NOBODY = 'UNOBODY';

/** Memory is read a few times a second apart once the work is done; the largest reading counts. */
async function settledRss(pid: number, samples = 5): Promise<number> {
  let most = 0;
  for (let i = 0; i < samples; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    most = Math.max(most, await rssMb(pid));
  }
  return most;
}

const ownerOf = (i: number) => (i < 100 ? OWNER : `UB${(i % 1000).toString(36).toUpperCase()}`);

/** Times `/keys list` from the command to the answer Slack receives on its `response_url`, and the ack alone. */
async function timeList(stack: Stack, user: string, times: number): Promise<{ answers: number[]; acks: number[] }> {
  const answers: number[] = [];
  const acks: number[] = [];
  for (let i = 0; i < times; i++) {
    const body = stack.client.commandBody(user, 'list');
    const path = new URL(new URLSearchParams(body).get('response_url') ?? '').pathname;
    const answered = stack.slack.nextCall((call) => call.method === 'response_url' && call.url === path);
    const started = performance.now();
    const res = await stack.client.post(body);
    acks.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`/keys list answered ${res.status}`);
    await answered;
    answers.push(performance.now() - started);
  }
  return { answers, acks };
}

export async function runP3(options: P3Options, serverPid: number): Promise<Figure[]> {
  const stack = await startStack({ logLevel: 'info' });
  let worker: KeywardenProcess | undefined;
  try {
    await stack.stopWorker();
    worker = await startKeywarden('worker', stack.env);
    const workerPid = worker.child.pid ?? 0;
    const idle = { worker: await settledRss(workerPid), server: await rssMb(serverPid) };
    const factory = new CredentialFactory(stack.config, stack.temporal, stack.vectra);
    const ids = Array.from({ length: options.credentials }, (_, i) => `bench${i.toString(36)}`);
    const started = performance.now();
    const step = Math.ceil(ids.length / 5);
    for (let from = 0; from < ids.length; from += step) {
      const batch = ids.slice(from, from + step);
      await inPool(batch.length, 32, (i) =>
        factory.start({ credentialId: batch[i] ?? '', owner: ownerOf(from + i), deliveredAt: Date.now() }),
      );
      await waitAllAsleep(stack.temporal, batch);
      const [w, s] = await Promise.all([rssMb(workerPid), rssMb(serverPid)]);
      process.stdout.write(`P3: ${from + batch.length} asleep: worker ${w.toFixed(0)} MB, server ${s.toFixed(0)} MB\n`);
    }
    const perSecond = ids.length / ((performance.now() - started) / 1000);
    const loaded = { worker: await settledRss(workerPid), server: await rssMb(serverPid) };
    process.stdout.write(
      `P3: ${ids.length} credentials asleep (${perSecond.toFixed(0)}/s); worker ${idle.worker.toFixed(0)} → ${loaded.worker.toFixed(0)} MB ` +
        `(${(((loaded.worker - idle.worker) * 1024) / ids.length).toFixed(1)} KB each), server ${idle.server.toFixed(0)} → ${loaded.server.toFixed(0)} MB\n`,
    );
    const empty = await timeList(stack, NOBODY, options.lists);
    const full = await timeList(stack, OWNER, options.lists);
    return figures(options.credentials, { idle, loaded, empty, full });
  } finally {
    await worker?.stop('SIGTERM');
    await stack.stop();
  }
}

interface P3Measures {
  idle: { worker: number; server: number };
  loaded: { worker: number; server: number };
  empty: { answers: number[]; acks: number[] };
  full: { answers: number[]; acks: number[] };
}

function figures(count: number, m: P3Measures): Figure[] {
  const full = summarize(m.full.answers);
  const empty = summarize(m.empty.answers);
  return [
    {
      phase: 'P3',
      name: `worker RSS, ${count} sleeping credentials`,
      unit: 'MB',
      value: m.loaded.worker,
      floor: m.idle.worker,
      floorName: 'idle worker',
      target: { kind: 'atMost', max: 300 },
    },
    {
      phase: 'P3',
      name: `Temporal server RSS, ${count} sleeping credentials`,
      unit: 'MB',
      value: m.loaded.server,
      floor: m.idle.server,
      floorName: 'before',
    },
    {
      phase: 'P3',
      name: '/keys list answer p50, owner of 100',
      unit: 'ms',
      value: full.p50,
      floor: empty.p50,
      floorName: 'owner of none',
    },
    {
      phase: 'P3',
      name: '/keys list answer max, owner of 100',
      unit: 'ms',
      value: full.max,
      floor: empty.max,
      floorName: 'owner of none',
      target: { kind: 'atMost', max: 500 },
    },
    {
      phase: 'P3',
      name: '/keys list ack max, owner of 100',
      unit: 'ms',
      value: Math.max(...m.full.acks),
      floor: Math.max(...m.empty.acks),
      floorName: 'owner of none',
      target: { kind: 'atMost', max: 3000 },
    },
  ];
}
