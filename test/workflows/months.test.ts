/**
 * A credential that lives six simulated months, rotating every two weeks: each rotation continues the workflow
 * as new, and the timeline, the generation count and the vendor's keys come through every run intact.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { credentialStateQuery, timelineQuery } from '../../workflows/messages';
import { deliver, generationId, reveal, untilGeneration } from './support/credentials';
import { DAY, HOUR, policy, request } from './support/requests';
import { inScenario, startTestServer } from './support/scenario';
import { daysAfter } from './support/timing';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTestServer();
});
afterAll(() => env?.teardown());

const ROTATIONS = 12;

test('six months of rotations every 14 days: one run per key, timeline and state carried across, expiry revokes all', () =>
  inScenario(env, async (scenario) => {
    const { stubs, now } = scenario;
    const req = request({
      ttlMs: 180 * DAY,
      policy: policy({
        revealWithinMs: 2 * DAY,
        lifecycle: {
          ...policy().lifecycle,
          reminderOffsetsMs: [7 * DAY],
          rotationPeriodMs: 14 * DAY,
          rotationOverlapMs: DAY,
          livenessCheckMs: 30 * DAY,
        },
      }),
    });
    const delivered = await now();
    const handle = await deliver(scenario, req);
    const runs = new Set<string>();
    for (let generation = 1; generation <= ROTATIONS + 1; generation++) {
      await untilGeneration(handle, generation);
      runs.add((await handle.describe()).runId);
      await reveal(handle, req.requestId, generation);
      // A little past the period: the owner reveals each new key a while after it is offered.
      if (generation <= ROTATIONS) await env.sleep(14 * DAY + HOUR);
    }

    expect(await handle.result()).toMatchObject({ status: 'revoked', generation: ROTATIONS + 1 });
    expect(runs.size).toBe(ROTATIONS + 1);

    const keys = Array.from({ length: ROTATIONS + 1 }, (_, i) => generationId(req.requestId, i + 1));
    const created = stubs.callsTo('vendorCall').filter((c) => c.args[0] === 'createKey');
    expect(created.map((c) => c.args[1].credentialId)).toEqual(keys.slice(1));
    expect(stubs.vendor.liveKeys()).toEqual([]);
    expect(stubs.callsTo('deliverCredential').map((c) => c.args[0].generationId)).toEqual(keys);
    expect(stubs.callsTo('alertAdmins')).toEqual([]);

    const timeline = await handle.query(timelineQuery);
    const count = (event: string) => timeline.filter((e) => e.event === event).length;
    expect(timeline[0]).toMatchObject({ event: 'credential.revealed', detail: `key ${keys[0]}` });
    expect(count('credential.revealed')).toBe(ROTATIONS + 1);
    expect(count('credential.rotated')).toBe(ROTATIONS);
    expect(count('credential.old_key_retired')).toBe(ROTATIONS);
    expect(count('credential.reminded')).toBe(1);
    expect(timeline.at(-1)).toMatchObject({ event: 'credential.expired' });
    expect(daysAfter(delivered, timeline.at(-1)?.at ?? '')).toBe(180);
    const state = await handle.query(credentialStateQuery);
    expect(state).toMatchObject({ status: 'revoked', generation: ROTATIONS + 1, revealed: true });
    expect(daysAfter(delivered, state.expiresAt)).toBe(180);
  }));
