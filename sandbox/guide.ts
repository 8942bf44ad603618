/** What the sandbox prints once Keywarden runs in the user's workspace: what to type, where to click, where to look. */
import type { SandboxFakes } from './fakes';
import type { Identity } from './identify';

export interface GuideFacts {
  identity: Identity;
  fakes: SandboxFakes;
  /** The bot's HTTP port, or undefined in Socket Mode. */
  port: number | undefined;
  webUi?: string;
  logFile: string;
}

export function guide({ identity, fakes, port, webUi, logFile }: GuideFacts): string {
  const { user, channel, team } = identity;
  const mode = port === undefined ? 'Socket Mode' : `HTTP mode: Slack must reach POST /slack/events on port ${port}`;
  const consoles = fakes.all.map((fake) => `  ${fake.key.padEnd(13)} ${fake.consoleUrl}`);
  return [
    '',
    `Keywarden sandbox is running in ${team ?? 'your workspace'} (${mode}).`,
    `You (${user}) are requester, approver and operator; approval requests go to channel ${channel}.`,
    'Every vendor is a fake on this machine; do the human steps in its console below, as the task DM says.',
    '',
    'Type in Slack (any channel with Keywarden, or its DM):',
    '  /keys request vectra role=readonly ttl=1d purpose="SIEM ingestion"',
    '      → Approve in the approval channel, then Reveal: made, checked and delivered by API',
    '  /keys request automox integration=siem ttl=1d purpose="SIEM ingestion"',
    '  /keys request ncentral ttl=1d purpose="RMM export"',
    '      → the DM asks you to create the user and its JSON web token in the N-central console, then Submit key',
    '  /keys request gotransverse apisets=Billing,Dunning ttl=1d purpose="Billing export"',
    '      → generate the key in the Gotransverse console (signed in as "integration"), then Submit key',
    '  /keys request automox email=you@example.com ttl=1d purpose="My own key"',
    '      → accept the invitation in the Automox console, then add the key it asks for',
    '  Make a mistake on purpose (tick two-factor, leave out Dunning, a wrong key name): the task comes back',
    '  with the vendor’s answer. Then /keys list, /keys pending, /keys status <id>, /keys revoke <id>.',
    '',
    'Vendor consoles:',
    ...consoles,
    ...(webUi ? [`Temporal Web UI: ${webUi}`] : []),
    `Keywarden's log (JSON lines): ${logFile}`,
    'Ctrl-C stops everything; the next run starts afresh.',
    '',
  ].join('\n');
}
