/** The vendors Keywarden drives wholly by API: Vectra Fusion, and Automox in integration mode. */
import { consoleOf, requestAndApprove, revokeAndConfirm, type Journey } from './journey';

/** Request, approve, reveal, see the key in the vendor's console, revoke, and see it gone from there. */
function apiJourney(vendorKey: string, consoleName: string, command: string, journey: string): Journey {
  return async (ctx) => {
    const requestId = await requestAndApprove(ctx, command);
    const secret = await ctx.people.reveal(ctx.requester, requestId);
    const vendorConsole = consoleOf(ctx, vendorKey);
    const keyName = `keywarden-${requestId}`;
    const listed = (await vendorConsole.open()).html.includes(keyName);
    ctx.transcript.step(ctx.people.name(ctx.requester), `opens the ${consoleName} console: ${keyName} is listed`);
    await revokeAndConfirm(ctx, requestId);
    const gone = !(await vendorConsole.open()).html.includes(keyName);
    ctx.transcript.step(
      ctx.people.name(ctx.requester),
      `opens the ${consoleName} console: the key is ${gone ? 'gone' : 'still there'}`,
    );
    return { journey, requestId, delivered: secret.length > 0 && listed, retried: false, revoked: gone };
  };
}

export const vectraJourney = apiJourney(
  'vectra',
  'Vectra',
  'request vectra role=readonly ttl=1d purpose="SIEM ingestion"',
  'Vectra Fusion (API)',
);

export const automoxIntegrationJourney = apiJourney(
  'automox',
  'Automox',
  'request automox integration=siem ttl=1d purpose="SIEM ingestion"',
  'Automox integration (API)',
);
