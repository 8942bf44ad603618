/** PLACEHOLDER — being written: read-only doctor checks for this vendor (see vendors/doctor-kit.ts). */
import type { Dispatcher } from 'undici';
import type { DoctorCheck } from '../doctor-kit';
import type { AutomoxConnection } from './config';

export async function diagnoseAutomox(
  _connection: AutomoxConnection,
  _dispatcher?: Dispatcher,
): Promise<DoctorCheck[]> {
  return [];
}
