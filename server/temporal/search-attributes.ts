/**
 * Registers Keywarden's search attributes on the namespace at start-up (idempotent). Workflows upsert them, and
 * an upsert of an unregistered attribute would stall every workflow task, so this runs before the worker.
 */
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Logger } from 'pino';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';

const INDEXED = temporal.api.enums.v1.IndexedValueType;
const TYPE_TO_INDEXED = {
  KEYWORD: INDEXED.INDEXED_VALUE_TYPE_KEYWORD,
  KEYWORD_LIST: INDEXED.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  TEXT: INDEXED.INDEXED_VALUE_TYPE_TEXT,
  INT: INDEXED.INDEXED_VALUE_TYPE_INT,
  DOUBLE: INDEXED.INDEXED_VALUE_TYPE_DOUBLE,
  BOOL: INDEXED.INDEXED_VALUE_TYPE_BOOL,
  DATETIME: INDEXED.INDEXED_VALUE_TYPE_DATETIME,
} as const;

export async function ensureSearchAttributes(connection: Connection, namespace: string, logger: Logger): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const known = new Set(Object.keys(existing.customAttributes ?? {}));
  const missing = ALL_SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
  if (missing.length === 0) return;
  try {
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((key) => [key.name, TYPE_TO_INDEXED[key.type]])),
    });
    logger.info({ added: missing.map((k) => k.name) }, 'registered search attributes');
  } catch (error) {
    const flags = missing.map(
      (k) => `--name ${k.name} --type ${k.type === 'KEYWORD_LIST' ? 'KeywordList' : 'Keyword'}`,
    );
    throw new Error(
      `cannot register Keywarden's search attributes (${(error as Error).message}); register them once by hand: ` +
        `temporal operator search-attribute create --namespace ${namespace} ${flags.join(' ')}`,
    );
  }
}
