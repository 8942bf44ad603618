/** An ID that is almost right is refused with the reason: which character, and what shape is expected. */
import { SLACK_CHANNEL, SLACK_GROUP, SLACK_PRINCIPAL, SLACK_USER, slackIdProblem } from '../../vendors/slack-id';

test.each([
  ['U012ABCDEF', SLACK_USER],
  ['W012ABCDEF', SLACK_USER],
  ['C012ABCDEF', SLACK_CHANNEL],
  ['G012ABCDEF', SLACK_CHANNEL],
  ['S012ABCDEF', SLACK_GROUP],
  ['S012ABCDEF', SLACK_PRINCIPAL],
])('%s is a well-formed ID', (id, kind) => {
  expect(slackIdProblem(id, kind)).toBeUndefined();
});

test.each([
  ['U012aBCDEF', SLACK_USER, '"U012aBCDEF" has "a", a lowercase letter at character 5'],
  ['u012ABCDEF', SLACK_USER, '"u012ABCDEF" has "u", a lowercase letter at character 1'],
  ['U012ABCDEF ', SLACK_USER, 'has a space at character 11'],
  ['U012-ABCDEF', SLACK_USER, 'has "-" at character 5'],
  ['C012ABCDEF', SLACK_USER, '"C012ABCDEF" starts with "C", which makes it a channel ID'],
  ['U012ABCDEF', SLACK_CHANNEL, 'starts with "U", which makes it a user ID'],
  ['<@U012ABCDEF>', SLACK_USER, 'is a mention; write the bare ID U012ABCDEF'],
  ['<!subteam^S012ABCDEF|@ops>', SLACK_PRINCIPAL, 'is a mention; write the bare ID S012ABCDEF'],
  ['@alice', SLACK_USER, '"@alice" is a name, not an ID'],
  ['#approvals', SLACK_CHANNEL, '"#approvals" is a name, not an ID'],
  ['U1', SLACK_USER, '"U1" is too short'],
  ['', SLACK_USER, 'the ID is empty'],
])('%j is refused with the reason', (id, kind, reason) => {
  const problem = slackIdProblem(id, kind);
  expect(problem).toContain(reason);
  // A mention already holds the right ID; every other answer shows the expected shape.
  if (!id.startsWith('<')) expect(problem).toContain(`e.g. ${kind.example}`);
});
