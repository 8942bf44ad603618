/**
 * How Keywarden authenticates to a Temporal frontend it does not run: mTLS (client certificate and key, optionally
 * a private CA and server name) and/or a Temporal Cloud API key. Files are read once, at start-up, so a wrong path
 * is reported with the other configuration problems.
 */
import { readFileSync } from 'node:fs';
import type { Env } from './env';

export interface TemporalTls {
  clientCertPair?: { crt: Buffer; key: Buffer };
  serverRootCACertificate?: Buffer;
  serverNameOverride?: string;
}

export interface TemporalAuth {
  /** `true` = TLS with the system's CAs (Temporal Cloud with an API key). */
  tls?: TemporalTls | true;
  apiKey?: string;
}

export function readTemporalAuth(env: Env, problems: string[]): TemporalAuth {
  const file = (name: 'TEMPORAL_TLS_CERT' | 'TEMPORAL_TLS_KEY' | 'TEMPORAL_TLS_CA'): Buffer | undefined => {
    const path = env[name];
    if (!path) return undefined;
    try {
      return readFileSync(path);
    } catch (error) {
      problems.push(`${name}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  };
  const crt = file('TEMPORAL_TLS_CERT');
  const key = file('TEMPORAL_TLS_KEY');
  const ca = file('TEMPORAL_TLS_CA');
  const tls: TemporalTls = {
    ...(crt && key ? { clientCertPair: { crt, key } } : {}),
    ...(ca ? { serverRootCACertificate: ca } : {}),
    ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME } : {}),
  };
  const hasTls = Object.keys(tls).length > 0;
  return {
    ...(hasTls ? { tls } : env.TEMPORAL_API_KEY ? { tls: true as const } : {}),
    ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}),
  };
}
