/** PLACEHOLDER — being written: read-only doctor checks for this vendor (see vendors/doctor-kit.ts). */
import type { Dispatcher } from 'undici';
import type { DoctorCheck } from '../doctor-kit';
import type { NCentralConnection } from './config';

export async function diagnoseNCentral(
  _connection: NCentralConnection,
  _dispatcher?: Dispatcher,
): Promise<DoctorCheck[]> {
  return [];
}
