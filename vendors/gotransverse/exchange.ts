/**
 * One Gotransverse HTTP exchange, kept whole: the client must see the body of a 2xx (JSON, or a console's HTML
 * page?) and of a refusal (the documented `{code, message}`, or a gateway's words?) to classify it.
 */
import type { Dispatcher } from 'undici';
import { z } from 'zod';
import { VendorError } from '../errors';
import { VendorHttp, type JsonRequest } from '../http';

const VENDOR = 'Gotransverse';
const errorBodySchema = z.object({ code: z.string().optional(), message: z.string().min(1) });

/** A gateway's HTML error page must not end up whole in a message shown to people. */
const MAX_MESSAGE = 200;

/** A 2xx with its body, or the coded failure with the body it came with and the vendor's words, if any. */
export type Answer =
  { ok: true; body: unknown } | { ok: false; error: VendorError; body: unknown; message: string | undefined };

export interface ExchangeOptions {
  baseUrl: string;
  dispatcher?: Dispatcher;
  timeoutMs: number;
}

/** Sends `req`; a network failure or timeout is thrown as `unavailable`, every HTTP answer is returned. */
export async function exchange(options: ExchangeOptions, req: JsonRequest): Promise<Answer> {
  // VendorHttp turns a non-2xx answer into an error whose text we write; keep the body it read, so the client
  // classifies on the vendor's words rather than on our own error text.
  let failedBody: unknown;
  let said: string | undefined;
  const http = new VendorHttp({
    vendor: VENDOR,
    ...options,
    describeError: (status, body) => {
      failedBody = body;
      said = htmlPage(body) ? undefined : vendorMessage(body);
      return said ? `${said} (HTTP ${status})` : `HTTP ${status}`;
    },
  });
  try {
    return { ok: true, body: await http.json(req, z.unknown()) };
  } catch (error) {
    if (!(error instanceof VendorError) || error.details.status === undefined) throw error;
    return { ok: false, error, body: failedBody, message: said };
  }
}

/** The vendor's message from a JSON error body or a plain-text one, trimmed and cut short. */
export function vendorMessage(body: unknown): string | undefined {
  const text = typeof body === 'string' ? body : errorBodySchema.safeParse(body).data?.message;
  return text?.trim().slice(0, MAX_MESSAGE) || undefined;
}

/** Whether a body is an HTML page: what a console (not the API host) serves. */
export function htmlPage(body: unknown): boolean {
  return typeof body === 'string' && /<!doctype html|<html[\s>]/i.test(body);
}
