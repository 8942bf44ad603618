/**
 * Sealing keys for the embedded mode: when `KEYWARDEN_SEALING_KEYS` is unset, a key is generated once and kept
 * (mode 0600) beside the Temporal SQLite file, so sealed secrets in running workflows survive a restart.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { generateSealingKeySpec, parseSealingKeys, type SealingKey } from '../secrets/sealing';

export async function loadOrCreateSealingKeys(dataDir: string, logger: Logger): Promise<SealingKey[]> {
  const file = join(dataDir, 'sealing-keys');
  let spec: string;
  try {
    spec = (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    spec = generateSealingKeySpec();
    await writeFile(file, `${spec}\n`, { mode: 0o600, flag: 'wx' });
    logger.warn({ file }, 'KEYWARDEN_SEALING_KEYS is unset; generated a sealing key for this data directory');
  }
  const parsed = parseSealingKeys(spec);
  if (!parsed.ok) throw new Error(`${file} is not a valid sealing key file: ${parsed.problems.join('; ')}`);
  return parsed.keys;
}
