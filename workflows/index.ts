/** Entry point for the worker's workflow bundle. */
export { requestWorkflow } from './request';
export { credentialWorkflow } from './credential';
