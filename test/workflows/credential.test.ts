/**
 * The credential workflow from delivery to revocation on simulated weeks: reminders before expiry, revocation at
 * expiry proved by the vendor, rotation with an overlap (the old key works until it ends, then is deleted and
 * proved refused), and a revocation that cannot be proved, which alerts the admins.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { credentialStateQuery, timelineQuery } from '../../workflows/messages';
import { eventually } from '../support/wait';
import { deliver, reveal, untilGeneration, type CredentialHandle } from './support/credentials';
import { DAY, HOUR, policy, REQUESTER, request } from './support/requests';
import { inScenario, startTestServer } from './support/scenario';
import { daysAfter, hoursAfter } from './support/timing';

let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTestServer();
});
afterAll(() => env?.teardown());

const lifecycle = (overrides: Partial<ReturnType<typeof policy>['lifecycle']>) =>
  policy({ revealWithinMs: 3 * DAY, lifecycle: { ...policy().lifecycle, ...overrides } });

test('the owner is reminded 7 days and 1 day before expiry; at expiry the key is deleted and proved refused', () =>
  inScenario(env, async (scenario) => {
    const { stubs, now } = scenario;
    const req = request({ ttlMs: 30 * DAY, policy: lifecycle({ reminderOffsetsMs: [7 * DAY, DAY] }) });
    const delivered = await now();
    const handle = await deliver(scenario, req);
    await reveal(handle, req.requestId, 1);

    expect(await handle.result()).toMatchObject({ status: 'revoked', generation: 1 });

    expect(stubs.callsTo('remindOwner').map((c) => daysAfter(delivered, c.at))).toEqual([23, 29]);
    const vendorSteps = stubs.callsTo('vendorCall').map((c) => [daysAfter(delivered, c.at), c.args[0]]);
    expect(vendorSteps).toEqual([[30, 'deleteKey']]);
    expect(stubs.vendor.liveKeys()).toEqual([]);
    const told = stubs.callsTo('notify').map((c) => [c.args[0], daysAfter(delivered, c.at), c.args[1]]);
    expect(told).toEqual([[REQUESTER, 30, expect.objectContaining({ kind: 'revoked', verified: true })]]);
    expect(stubs.callsTo('alertAdmins')).toEqual([]);
    const timeline = await handle.query(timelineQuery);
    expect(timeline.map((e) => e.event)).toEqual([
      'credential.revealed',
      'credential.reminded',
      'credential.reminded',
      'credential.expired',
    ]);
    expect(timeline.at(-1)?.detail).toBe('revoked and proved refused by the vendor');
  }));

test('rotation keeps the old key through the 2-day overlap, then deletes it and proves it refused', () =>
  inScenario(env, async (scenario) => {
    const { stubs, now } = scenario;
    const req = request({
      ttlMs: 30 * DAY,
      policy: lifecycle({ rotationPeriodMs: 7 * DAY, rotationOverlapMs: 2 * DAY }),
    });
    const first = req.requestId;
    const second = `${first}-g2`;
    const delivered = await now();
    const handle = await deliver(scenario, req);
    await reveal(handle, first, 1);

    await env.sleep(7 * DAY + HOUR);
    await untilGeneration(handle, 2);
    const rotatedAt = stubs.callsTo('vendorCall').find((c) => c.args[0] === 'createKey')?.at ?? 0;
    expect(daysAfter(delivered, rotatedAt)).toBe(7);
    const offered = stubs.callsTo('deliverCredential').map((c) => c.args[0].generationId);
    expect(offered).toEqual([first, second]);
    const rotatedNotice = stubs.callsTo('notify').find((c) => c.args[1].kind === 'rotated')?.args[1];
    expect(rotatedNotice).toMatchObject({ overlapEndsAt: expect.any(String) });
    if (rotatedNotice?.kind === 'rotated') expect(hoursAfter(rotatedAt, rotatedNotice.overlapEndsAt)).toBe(48);

    // Almost at the end of the overlap both keys still work: nothing using the old one has broken yet.
    await reveal(handle, first, 2);
    await env.sleep(2 * DAY - 2 * HOUR);
    expect(stubs.vendor.liveKeys()).toEqual([first, second]);
    expect(stubs.callsTo('vendorCall').filter((c) => c.args[0] === 'deleteKey')).toEqual([]);

    await env.sleep(2 * HOUR);
    const retired = await eventuallyRetired(handle);
    expect(stubs.vendor.liveKeys()).toEqual([second]);
    const deleted = stubs.callsTo('vendorCall').filter((c) => c.args[0] === 'deleteKey');
    expect(deleted.map((c) => [c.args[1].credentialId, hoursAfter(rotatedAt, c.at)])).toEqual([[first, 48]]);
    const proved = stubs.callsTo('vendorVerify').filter((c) => c.args[0] === 'keyRefused');
    expect(proved.map((c) => c.args[1].credentialId)).toEqual([first]);
    expect(retired.detail).toBe(`key ${first} revoked after the rotation overlap`);
    expect(stubs.callsTo('alertAdmins')).toEqual([]);
    expect((await handle.query(credentialStateQuery)).status).toBe('active');
  }));

test('a revocation the vendor never confirms is re-checked 12 times over about 3 hours, then the admins are alerted', () =>
  inScenario(env, async (scenario) => {
    const { stubs, now } = scenario;
    stubs.vendor.ignoreDeletes = true;
    const req = request({ ttlMs: 10 * DAY, policy: lifecycle({}) });
    const delivered = await now();
    const handle = await deliver(scenario, req);
    await reveal(handle, req.requestId, 1);

    expect(await handle.result()).toMatchObject({ status: 'revoke_unverified' });

    const checks = stubs.callsTo('vendorVerify').filter((c) => c.args[0] === 'keyRefused');
    expect(checks).toHaveLength(12);
    // Backoff from 5 seconds, doubling: 5 s × (2^11 − 1) ≈ 2.8 hours between the first check and the last.
    expect(hoursAfter(checks[0]?.at ?? 0, checks.at(-1)?.at ?? 0)).toBe(3);
    const alerts = stubs.callsTo('alertAdmins');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.args[1]).toContain('could not verify');
    expect(alerts[0]?.args[1]).toContain('Revoke it by hand');
    expect(hoursAfter(delivered, alerts[0]?.at ?? 0)).toBe(10 * 24 + 3);
    const told = stubs.callsTo('notify').map((c) => c.args[1]);
    expect(told).toEqual([expect.objectContaining({ kind: 'revoked', verified: false })]);
    const expired = (await handle.query(timelineQuery)).find((e) => e.event === 'credential.expired');
    expect(expired?.detail).toBe('revocation not verified; admins alerted');
    expect(stubs.vendor.liveKeys()).toEqual([req.requestId]);
  }));

function eventuallyRetired(handle: CredentialHandle) {
  return eventually(
    async () => (await handle.query(timelineQuery)).find((e) => e.event === 'credential.old_key_retired'),
    'old key retired',
  );
}
