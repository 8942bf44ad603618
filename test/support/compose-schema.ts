/**
 * The Compose specification's JSON schema, as Docker Compose itself validates with it: `schema/compose-spec.json`
 * of github.com/compose-spec/compose-go, brought by the Go module proxy (cached by Go after the first run; never
 * committed). Pinned, so a schema change upstream shows up as a deliberate bump here.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const MODULE = 'github.com/compose-spec/compose-go/v2@v2.16.2';

export function composeSpecSchema(): object {
  let dir: string;
  try {
    const out = execFileSync('go', ['mod', 'download', '-json', MODULE], { encoding: 'utf8', timeout: 180_000 });
    dir = (JSON.parse(out) as { Dir: string }).Dir;
  } catch (error) {
    throw new Error(`the Compose schema comes from the Go module proxy (${MODULE}); is Go installed? ${String(error)}`);
  }
  return JSON.parse(readFileSync(join(dir, 'schema', 'compose-spec.json'), 'utf8')) as object;
}
