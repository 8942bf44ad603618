/**
 * One workflow story on the time-skipping test server: fresh stub activities, workers on a task queue of its own
 * (the main queue with the bundled workflows, and the stub vendor's rate-limited queue), and at the end every
 * workflow it started is terminated, so a credential left running cannot hold up the next story's clock.
 */
import { temporal } from '@temporalio/proto';
import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createLogger } from '../../../server/logger';
import { FAILURE_CONVERTER_PATH } from '../../../server/temporal/data-converter';
import { installTemporalRuntime } from '../../../server/temporal/runtime';
import { credentialWorkflowId, requestWorkflowId, vendorTaskQueue } from '../../../workflows/ids';
import { credentialWorkflow, requestWorkflow } from '../../../workflows/index';
import { ALL_SEARCH_ATTRIBUTES } from '../../../workflows/search-attributes';
import type { Credential, CredentialRequest } from '../../../workflows/types';
import { BUNDLE_ENV } from '../setup/global-setup';
import { TEST_SERVER_WRAPPER } from '../setup/test-server';
import { VENDOR_KEY } from './requests';
import { StubActivities } from './stub-activities';

const quiet = createLogger('warn');

/** Starts a time-skipping test server (from Maven's jars). */
export async function startTestServer(): Promise<TestWorkflowEnvironment> {
  installTemporalRuntime(quiet, { level: 'ERROR' });
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: TEST_SERVER_WRAPPER } },
    client: { dataConverter: { failureConverterPath: FAILURE_CONVERTER_PATH } },
  });
  await registerSearchAttributes(env);
  return env;
}

const INDEXED = temporal.api.enums.v1.IndexedValueType;
const INDEXED_TYPE = {
  KEYWORD: INDEXED.INDEXED_VALUE_TYPE_KEYWORD,
  KEYWORD_LIST: INDEXED.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  DATETIME: INDEXED.INDEXED_VALUE_TYPE_DATETIME,
} as const;

/**
 * The workflows upsert Keywarden's search attributes, and the test server refuses unknown ones. It implements
 * `AddSearchAttributes` but not the listing `ensureSearchAttributes` starts with, so they are added directly.
 */
async function registerSearchAttributes(env: TestWorkflowEnvironment): Promise<void> {
  const searchAttributes = Object.fromEntries(
    // A new attribute type fails to compile here until the test server is told its indexed type.
    ALL_SEARCH_ATTRIBUTES.map((key) => [key.name, INDEXED_TYPE[key.type]]),
  );
  await env.connection.operatorService.addSearchAttributes({ namespace: env.namespace ?? 'default', searchAttributes });
}

let queues = 0;

export class Scenario {
  readonly stubs = new StubActivities();
  readonly taskQueue = `workflow-test-${process.pid}-${++queues}`;
  private readonly started: string[] = [];

  constructor(readonly env: TestWorkflowEnvironment) {}

  /** Starts a request workflow as the bot does (its credential workflow is cleaned up with it). */
  readonly startRequest = (req: CredentialRequest): Promise<WorkflowHandle<typeof requestWorkflow>> => {
    this.started.push(requestWorkflowId(req.requestId), credentialWorkflowId(req.requestId));
    return this.env.client.workflow.start(requestWorkflow, {
      taskQueue: this.taskQueue,
      workflowId: requestWorkflowId(req.requestId),
      args: [req],
    });
  };

  /** Starts a credential workflow as the request workflow does at delivery. */
  readonly startCredential = (credential: Credential): Promise<WorkflowHandle<typeof credentialWorkflow>> => {
    this.started.push(credentialWorkflowId(credential.credentialId));
    return this.env.client.workflow.start(credentialWorkflow, {
      taskQueue: this.taskQueue,
      workflowId: credentialWorkflowId(credential.credentialId),
      args: [credential],
    });
  };

  /** The test server's current (skipped) time. */
  readonly now = (): Promise<number> => this.env.currentTimeMs();

  async cleanUp(): Promise<void> {
    for (const workflowId of this.started) {
      await this.env.client.workflow
        .getHandle(workflowId)
        .terminate('workflow test finished')
        .catch((error: unknown) => {
          // Already closed, or never started: nothing left to stop.
          if (!(error instanceof WorkflowNotFoundError)) throw error;
        });
    }
  }
}

/** Runs `story` with workers serving a fresh scenario, then terminates whatever it left running. */
export async function inScenario(
  env: TestWorkflowEnvironment,
  story: (scenario: Scenario) => Promise<void>,
): Promise<void> {
  const scenario = new Scenario(env);
  const bundlePath = process.env[BUNDLE_ENV];
  if (!bundlePath) throw new Error(`${BUNDLE_ENV} is not set: run through jest's workflows project`);
  const activities = scenario.stubs.activities();
  const main = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: scenario.taskQueue,
    workflowBundle: { codePath: bundlePath },
    activities,
  });
  const vendor = await Worker.create({
    connection: env.nativeConnection,
    namespace: env.namespace ?? 'default',
    taskQueue: vendorTaskQueue(scenario.taskQueue, VENDOR_KEY),
    activities,
  });
  try {
    await main.runUntil(() => vendor.runUntil(() => story(scenario)));
  } finally {
    await scenario.cleanUp();
  }
}
