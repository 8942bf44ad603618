/**
 * The signed-HTTP receiver. Bolt checks the signature and refuses timestamps more than five minutes old, but
 * accepts any timestamp in the future; Slack's rule is five minutes either way (a request dated ahead could be
 * replayed for longer), so requests dated more than five minutes ahead are refused here, before Bolt sees them.
 */
import type { IncomingMessage } from 'node:http';
import { HTTPReceiver, type Logger as BoltLogger } from '@slack/bolt';

/** Slack's allowed clock difference between its request timestamp and ours, in seconds. */
const MAX_SKEW_SECONDS = 5 * 60;

export interface ReceiverOptions {
  signingSecret: string;
  logger: BoltLogger;
}

/** Bolt's HTTP receiver at `POST /slack/events` (plus `GET /healthz`), refusing future-dated requests. */
export function createHttpReceiver(options: ReceiverOptions): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: '/slack/events',
    logger: options.logger,
    customRoutes: [{ path: '/healthz', method: ['GET'], handler: (_req, res) => void res.writeHead(200).end('ok') }],
  });
  const bolt = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    if (datedAhead(req, Date.now())) {
      options.logger.warn('refused a Slack request dated more than five minutes ahead');
      res.writeHead(401).end();
      return;
    }
    bolt(req, res);
  };
  return receiver;
}

/** Whether the request's Slack timestamp lies more than the allowed skew in the future. */
export function datedAhead(req: Pick<IncomingMessage, 'headers'>, nowMs: number): boolean {
  const header = req.headers['x-slack-request-timestamp'];
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds > Math.floor(nowMs / 1000) + MAX_SKEW_SECONDS;
}
