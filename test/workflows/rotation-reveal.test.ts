/**
 * Issue 11, point 4, on simulated days: a rotated key nobody reveals must not take the old key down before its
 * overlap ends. Before the fix, the new key's reveal deadline (a day) revoked everything, the old key included,
 * a day into a two-day overlap; now the old key lives out its overlap, and only then is the unrevealed new key
 * revoked unseen.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { credentialStateQuery, timelineQuery } from '../../workflows/messages';
import { deliver, reveal, untilGeneration } from './support/credentials';
import { DAY, HOUR, policy, request } from './support/requests';
import { inScenario, startTestServer } from './support/scenario';
import { hoursAfter } from './support/timing';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTestServer();
});
afterAll(() => env?.teardown());

test('an unrevealed rotated key keeps the old key through its overlap; its reveal deadline falls at the overlap end', () =>
  inScenario(env, async (scenario) => {
    const { stubs } = scenario;
    const req = request({
      ttlMs: 30 * DAY,
      policy: policy({
        revealWithinMs: DAY,
        lifecycle: { ...policy().lifecycle, rotationPeriodMs: 7 * DAY, rotationOverlapMs: 2 * DAY },
      }),
    });
    const first = req.requestId;
    const second = `${first}-g2`;
    const handle = await deliver(scenario, req);
    await reveal(handle, first, 1);

    await env.sleep(7 * DAY + HOUR);
    await untilGeneration(handle, 2);
    const rotatedAt = stubs.callsTo('vendorCall').find((c) => c.args[0] === 'createKey')?.at ?? 0;
    const offer = stubs.callsTo('deliverCredential').find((c) => c.args[0].generationId === second)?.args[0];
    expect(hoursAfter(rotatedAt, offer?.revealBy ?? '')).toBe(48);

    // A day and a half after the rotation, past the new key's own reveal_within: both keys still live.
    await env.sleep(36 * HOUR);
    expect(stubs.vendor.liveKeys()).toEqual([first, second]);
    expect((await handle.query(credentialStateQuery)).status).toBe('active');

    expect(await handle.result()).toMatchObject({ status: 'revoked', generation: 2 });
    const deleted = stubs.callsTo('vendorCall').filter((c) => c.args[0] === 'deleteKey');
    expect(deleted.map((c) => [c.args[1].credentialId, hoursAfter(rotatedAt, c.at)])).toEqual([
      [first, 48],
      [second, 48],
    ]);
    const events = (await handle.query(timelineQuery)).map((e) => e.event);
    expect(events.slice(-2)).toEqual(['credential.old_key_retired', 'credential.revoked_unrevealed']);
    expect(stubs.callsTo('notify').map((c) => c.args[1].kind)).toContain('unrevealed');
  }));
