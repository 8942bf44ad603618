/**
 * The production deployment, checked without a Docker engine: `docker-compose.yml` against the Compose
 * specification's JSON schema and Keywarden's own rules (nothing but the Slack port published, health checks and
 * restart policies everywhere), and the `Dockerfile` by a Dockerfile linter and the image rules (current Node LTS,
 * production dependencies only, non-root, compiled code).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { validate as lintDockerfile } from 'dockerfile-utils';
import { parse as parseYaml } from 'yaml';
import { KeywardenMetrics } from '../../server/ops/metrics';
import { NODE_FLAGS } from '../support/processes';
import { composeSpecSchema } from '../support/compose-schema';

const root = join(__dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  ports?: string[];
  restart?: string;
  healthcheck?: unknown;
  command?: string[];
  depends_on?: Record<string, { condition: string }>;
}

const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service> };
const services = Object.entries(compose.services);
/** Services that run to completion (schema set-up), which restart only on failure and need no health check. */
const oneShot = (service: Service) => service.restart?.startsWith('on-failure') ?? false;

test('docker-compose.yml is valid against the Compose specification', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const schema = composeSpecSchema();
  const valid = ajv.validate(schema, parseYaml(read('docker-compose.yml'), { merge: true }));
  expect(ajv.errorsText(ajv.errors, { separator: '\n' })).toBe('No errors');
  expect(valid).toBe(true);
});

test('by default only the Slack-facing port is published; the optional UI and codec only on loopback', () => {
  const published = services.flatMap(([name, s]) => (s.ports ?? []).map((port) => ({ name, port, s })));
  const byDefault = published.filter(({ s }) => !s.profiles);
  expect(byDefault.map(({ name, port }) => `${name} ${port}`)).toEqual(['keywarden-bot ${KEYWARDEN_PORT:-3000}:3000']);
  for (const { port } of published.filter(({ s }) => s.profiles)) expect(port).toMatch(/^127\.0\.0\.1:/);
  expect(compose.services.temporal?.ports).toBeUndefined();
});

test('every long-running service has a health check and a restart policy; one-shot set-up restarts on failure', () => {
  for (const [name, service] of services) {
    expect([name, service.restart]).toEqual([
      name,
      expect.stringMatching(/^(unless-stopped|always|on-failure(:\d+)?)$/),
    ]);
    if (!oneShot(service)) expect([name, service.healthcheck]).toEqual([name, expect.anything()]);
  }
});

test("Temporal is the reference deployment: PostgreSQL, admin-tools schema set-up, temporalio/server; Keywarden's roles from this image", () => {
  const image = (name: string) => compose.services[name]?.image ?? '';
  expect(image('postgresql')).toMatch(/^postgres:/);
  expect(image('temporal-admin-tools')).toMatch(/^temporalio\/admin-tools:/);
  expect(image('temporal')).toMatch(/^temporalio\/server:/);
  expect(services.some(([, s]) => s.image?.startsWith('temporalio/auto-setup'))).toBe(false);
  expect(compose.services.temporal?.depends_on?.['temporal-admin-tools']?.condition).toBe(
    'service_completed_successfully',
  );
  expect(compose.services['keywarden-bot']?.command).toEqual(['bot']);
  expect(compose.services['keywarden-worker']?.command).toEqual(['worker']);
  expect(compose.services['keywarden-bot']?.build).toBe('.');
});

test('the Dockerfile lints clean', () => {
  const problems = lintDockerfile(read('Dockerfile')).map(
    (d) => `line ${d.range.start.line + 1}: ${typeof d.message === 'string' ? d.message : d.message.value}`,
  );
  expect(problems).toEqual([]);
});

test('the image runs compiled code on the current Node LTS as a non-root user, with production dependencies only', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const final = stages[stages.length - 1] ?? '';
  expect(dockerfile).toMatch(/^ARG NODE_VERSION=(2[4-9]|[3-9]\d)$/m);
  expect(final).toMatch(/^node:\$\{NODE_VERSION\}-/);
  expect(final).toMatch(/^USER node$/m);
  const flags = NODE_FLAGS.map((flag) => `"${flag}", `).join('');
  expect(final).toContain(`\nENTRYPOINT ["node", ${flags}"dist/server/main.js"]\n`);
  const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
  expect(scripts.start).toBe(`node ${NODE_FLAGS.join(' ')} dist/server/main.js`);
  expect(final).not.toMatch(/npm (ci|install)|tsc|golang/);
  expect(dockerfile).toMatch(/npm ci --omit=dev/);
  expect(read('.dockerignore')).toMatch(/^keywarden\.yaml$/m);
  // Every folder the build compiles is copied into the build stage, but the sandbox: a development tool on the
  // vendors' fakes, which the image never runs (the build compiles whichever of the folders are present).
  const { include } = JSON.parse(read('tsconfig.build.json')) as { include: string[] };
  for (const folder of include.filter((f) => f !== 'sandbox'))
    expect(dockerfile).toContain(`COPY ${folder} ./${folder}`);
  expect(dockerfile).not.toContain('COPY sandbox');
});

test('the example alerts use metrics Keywarden exports', () => {
  const rules = parseYaml(read('deploy/prometheus/alerts.yml')) as {
    groups: Array<{ rules: Array<{ alert: string; expr: string }> }>;
  };
  const exprs = rules.groups.flatMap((group) => group.rules.map((rule) => rule.expr)).join('\n');
  const exported = new KeywardenMetrics({ processMetrics: false }).registry
    .getMetricsAsArray()
    .map((metric) => metric.name);
  const used = [...exprs.matchAll(/\b(keywarden_[a-z_]+)/g)].map((match) => match[1]);
  expect(used.length).toBeGreaterThan(0);
  for (const name of used) expect(exported).toContain(name);
  expect(exprs).toContain('keywarden_revocations_total{outcome="unverified"}');
});
