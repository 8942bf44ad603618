/**
 * Jest global setup for the projects whose tests use AWS Secrets Manager: installs the pinned moto once, before any
 * test starts (a first install from PyPI takes minutes on a small machine; no test timeout should pay for it).
 */
import { ensureMoto } from './moto';

export default async function motoSetup(): Promise<void> {
  await ensureMoto();
}
