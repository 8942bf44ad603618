import { z } from 'zod';

/** Looks up a secret by environment-variable name; supplied by the config module, the only reader of the env. */
export type ReadSecret = (name: string) => string | undefined;

export const envVarName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'must be an environment variable name');
