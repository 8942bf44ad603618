/** The messages activities post, handed to them by the process root (they never import the Slack surface). */
import { approvalMessage } from './approval';
import { deliveryOffer } from './delivery';
import { extensionMessage } from './extension';
import { noticeText } from './notices';
import { progressText } from './progress';
import { reminderMessage } from './reminder';
import { closedTaskMessage, taskMessage } from './task';

export const messageViews = {
  approvalMessage,
  deliveryOffer,
  noticeText,
  extensionMessage,
  reminderMessage,
  progressText,
  taskMessage,
  closedTaskMessage,
};
