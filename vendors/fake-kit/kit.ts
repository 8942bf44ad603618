/**
 * How a vendor's fake joins a test stack (or a sandbox): started on loopback, it says what `keywarden.yaml` entry
 * and environment point Keywarden at it. Each vendor's `vendor.ts` names its kit, so the test stack is derived
 * from the vendor list like everything else.
 */

/** The settings every vendor entry may take from the stack. */
export interface KitEntryOptions {
  /** Who does human steps, and how they are chased (vendors with human steps). */
  humanSteps: { operator: string; remindEvery: string; deadline: string };
}

export interface StartedFake<F, D = undefined> {
  fake: F;
  /** Facts a test needs about what the kit set up (e.g. the ids of the users it created). */
  details: D;
  /** The lines under `vendors.<key>:` (indented four spaces), besides `type` and `rate_limit_per_second`. */
  entry(options: KitEntryOptions): string[];
  /** The fake's web console, where a person does the vendor's human steps (and the sandbox prints). */
  consoleUrl: string;
  /** The environment variables the entry names, holding secrets the fake issued. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface FakeKit<F, D = undefined> {
  /** The vendor's key in the test stack's `keywarden.yaml` (what `/keys request <key>` names). */
  key: string;
  start(): Promise<StartedFake<F, D>>;
}

/** The `human_steps` block of an entry. */
export function humanStepsEntry({ humanSteps }: KitEntryOptions): string[] {
  return [
    '    human_steps:',
    `      operator: { users: [${humanSteps.operator}] }`,
    `      remind_every: ${humanSteps.remindEvery}`,
    `      deadline: ${humanSteps.deadline}`,
  ];
}
