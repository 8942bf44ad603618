import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A plaintext secret in memory. It prints, logs and serialises as `[redacted]`; only `reveal()` gives the value,
 * so an accidental log line or JSON payload cannot leak it.
 */
export class SecretText {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
