/**
 * The vendors with human steps, done in the fakes' web consoles as a person would: N-central (the operator creates
 * the API-only user and its token), Gotransverse (the operator generates a key for exactly the API sets), Automox
 * invite mode (the requester accepts the invitation and creates their own key). Each starts with a mistake a
 * person makes, so the run shows the vendor's answer handed back and the task done again.
 */
import { consoleOf, requestAndApprove, revokeAndConfirm, textOf, type Journey } from './journey';

export const nCentralJourney: Journey = async (ctx) => {
  const { people, requester: operator } = ctx;
  const requestId = await requestAndApprove(ctx, 'request ncentral ttl=1d purpose="RMM inventory export"');
  const task = await people.taskMessage(operator, requestId, 'Submit key');
  const userName = `keywarden-${requestId}`;
  const ncentral = consoleOf(ctx, 'ncentral');
  ctx.transcript.step(
    people.name(operator),
    `creates ${userName} in the N-central console, ticking two-factor by mistake`,
  );
  await ncentral.submit('/console/users', { userName, apiOnlyUser: 'on', twoFactorEnabled: 'on' });
  const first = await ncentral.submit(`/console/users/${userName}/jwt`, {});
  await people.submitSecret(operator, task, first.secret ?? '');
  const { task: retry, reason } = await people.handedBack(operator, requestId, task);
  ctx.transcript.step(people.name(operator), 'turns two-factor off and generates a new JSON web token');
  await ncentral.submit(`/console/users/${userName}/two-factor`, {});
  const second = await ncentral.submit(`/console/users/${userName}/jwt`, {});
  await people.submitSecret(operator, retry, second.secret ?? '');
  const revealed = await people.reveal(ctx.requester, requestId);
  await revokeAndConfirm(ctx, requestId, async () => {
    const revokeTask = await people.taskMessage(operator, requestId, 'Done');
    ctx.transcript.step(people.name(operator), `disables ${userName} in the N-central console`);
    await ncentral.submit(`/console/users/${userName}/disable`, {});
    await people.clickDone(operator, revokeTask);
  });
  const disabled = enabledCell((await ncentral.open()).html, userName) === 'no';
  return {
    journey: 'N-able N-central (operator)',
    requestId,
    delivered: revealed === second.secret,
    retried: reason.includes('two-factor'),
    revoked: disabled,
  };
};

export const gotransverseJourney: Journey = async (ctx) => {
  const { people, requester: operator } = ctx;
  const requestId = await requestAndApprove(
    ctx,
    'request gotransverse apisets=Billing,Dunning ttl=1d purpose="Billing export"',
  );
  const task = await people.taskMessage(operator, requestId, 'Submit key');
  const name = `keywarden-${requestId}`;
  const gotransverse = consoleOf(ctx, 'gotransverse');
  const generate = (sets: string[]) =>
    gotransverse.submit('/keys', {
      username: 'integration',
      name,
      description: `Keywarden request ${requestId}`,
      ...Object.fromEntries(sets.map((slug) => [`apiset-${slug}`, 'on'])),
    });
  ctx.transcript.step(
    people.name(operator),
    `generates ${name} in the Gotransverse console with Billing only (forgot Dunning)`,
  );
  const narrow = await generate(['billing']);
  await people.submitSecret(operator, task, narrow.secret ?? '');
  const { task: retry, reason } = await people.handedBack(operator, requestId, task);
  ctx.transcript.step(people.name(operator), 'deletes that key and generates it again with Billing and Dunning');
  await gotransverse.submit('/keys/delete', { name });
  const exact = await generate(['billing', 'dunning']);
  await people.submitSecret(operator, retry, exact.secret ?? '');
  const revealed = await people.reveal(ctx.requester, requestId);
  await revokeAndConfirm(ctx, requestId, async () => {
    const revokeTask = await people.taskMessage(operator, requestId, 'Done');
    ctx.transcript.step(people.name(operator), `deletes ${name} in the Gotransverse console`);
    await gotransverse.submit('/keys/delete', { name });
    await people.clickDone(operator, revokeTask);
  });
  return {
    journey: 'Gotransverse (operator)',
    requestId,
    delivered: revealed === exact.secret,
    retried: reason.includes('lacks Dunning'),
    revoked: !(await gotransverse.open()).html.includes(name),
  };
};

export const automoxInviteJourney: Journey = async (ctx) => {
  const { people, requester } = ctx;
  const email = 'riley@example.com';
  const requestId = await requestAndApprove(
    ctx,
    `request automox email=${email} ttl=1d purpose="Per-person SIEM feed"`,
  );
  const automox = consoleOf(ctx, 'automox');
  await people.waitFor('the Automox invitation', async () => (await automox.open()).html.includes('Accept invitation'));
  ctx.transcript.step(people.name(requester), `follows the invitation link in the Automox console and accepts it`);
  await automox.submit('/console/invitations/accept', { email });
  const task = await people.taskMessage(requester, requestId, 'Submit key');
  const name = `keywarden-${requestId}`;
  const expires = /\d{4}-\d\d-\d\d/.exec(textOf(task))?.[0] ?? '';
  ctx.transcript.step(people.name(requester), 'adds a key named "my-key" in Secrets & Keys (the wrong name)');
  const wrong = await automox.submit('/console/keys', { email, name: 'my-key', expires });
  await people.submitSecret(requester, task, wrong.secret ?? '');
  const { task: retry, reason } = await people.handedBack(requester, requestId, task);
  ctx.transcript.step(people.name(requester), `adds the key ${name}, expiring on ${expires}, as the task says`);
  const right = await automox.submit('/console/keys', { email, name, expires });
  await people.submitSecret(requester, retry, right.secret ?? '');
  const revealed = await people.reveal(requester, requestId);
  await revokeAndConfirm(ctx, requestId);
  return {
    journey: 'Automox invite (requester)',
    requestId,
    delivered: revealed === right.secret,
    retried: reason.includes(`no key named ${name}`),
    revoked: !(await automox.open()).html.includes(email),
  };
};

/** The "Enabled" cell of a user's row in the N-central console (login name, user id, enabled, …). */
function enabledCell(html: string, userName: string): string | undefined {
  const row = html.split('<tr>').find((r) => r.includes(`<td>${userName}</td>`)) ?? '';
  return [...row.matchAll(/<td>([^<]*)<\/td>/g)].map((cell) => cell[1])[2];
}
