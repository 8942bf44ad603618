/** The vendors Keywarden drives wholly by API: Vectra Fusion, and Automox in integration mode. */
import { consoleOf, requestAndApprove, revokeAndConfirm, type Journey } from './journey';

export const vectraJourney: Journey = async (ctx) => {
  const requestId = await requestAndApprove(ctx, 'request vectra role=readonly ttl=1d purpose="SIEM ingestion"');
  const secret = await ctx.people.reveal(ctx.requester, requestId);
  const vendorConsole = consoleOf(ctx, 'vectra');
  const listed = (await vendorConsole.open()).html.includes(`keywarden-${requestId}`);
  ctx.transcript.step(ctx.people.name(ctx.requester), `opens the Vectra console: keywarden-${requestId} is listed`);
  await revokeAndConfirm(ctx, requestId);
  const gone = !(await vendorConsole.open()).html.includes(`keywarden-${requestId}`);
  ctx.transcript.step(
    ctx.people.name(ctx.requester),
    `opens the Vectra console: the key is ${gone ? 'gone' : 'still there'}`,
  );
  return {
    journey: 'Vectra Fusion (API)',
    requestId,
    delivered: secret.length > 0 && listed,
    retried: false,
    revoked: gone,
  };
};

export const automoxIntegrationJourney: Journey = async (ctx) => {
  const requestId = await requestAndApprove(ctx, 'request automox integration=siem ttl=1d purpose="SIEM ingestion"');
  const secret = await ctx.people.reveal(ctx.requester, requestId);
  const vendorConsole = consoleOf(ctx, 'automox');
  const listed = (await vendorConsole.open()).html.includes(`keywarden-${requestId}`);
  await revokeAndConfirm(ctx, requestId);
  const gone = !(await vendorConsole.open()).html.includes(`keywarden-${requestId}`);
  ctx.transcript.step(
    ctx.people.name(ctx.requester),
    `opens the Automox console: the key is ${gone ? 'gone' : 'still there'}`,
  );
  return {
    journey: 'Automox integration (API)',
    requestId,
    delivered: secret.length > 0 && listed,
    retried: false,
    revoked: gone,
  };
};
