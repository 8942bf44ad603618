/**
 * Every vendor HTTP call, observed at the dispatcher: which vendor, method, status and how long it took. The
 * registry gives each vendor its own metered dispatcher, so clients need not know metrics exist. Paths are not
 * reported (they carry ids such as a user or key name).
 */
import { DecoratorHandler, getGlobalDispatcher, type Dispatcher } from 'undici';

export interface VendorCall {
  vendor: string;
  method: string;
  /** The HTTP status, or 0 when no response arrived (refused connection, timeout). */
  status: number;
  seconds: number;
}

export type VendorCallObserver = (call: VendorCall) => void;

type Handler = Dispatcher.DispatchHandler;

/**
 * Wraps `handler` to learn the status and when the call ended. `DecoratorHandler` first turns a legacy handler
 * (the `onHeaders` style `request()` may use) into the current one, so only the current hooks need watching.
 */
function meteredHandler(handler: Handler, report: (status: number, seconds: number) => void): Handler {
  const inner: Handler = new DecoratorHandler(handler);
  const started = performance.now();
  let status = 0;
  let reported = false;
  const finish = () => {
    if (reported) return;
    reported = true;
    report(status, (performance.now() - started) / 1000);
  };
  return {
    onRequestStart: (controller, context) => inner.onRequestStart?.(controller, context),
    onRequestUpgrade: (controller, statusCode, headers, socket) =>
      inner.onRequestUpgrade?.(controller, statusCode, headers, socket),
    onResponseStart: (controller, statusCode, headers, statusMessage) => {
      status = statusCode;
      inner.onResponseStart?.(controller, statusCode, headers, statusMessage);
    },
    onResponseData: (controller, chunk) => inner.onResponseData?.(controller, chunk),
    onResponseEnd: (controller, trailers) => {
      finish();
      inner.onResponseEnd?.(controller, trailers);
    },
    onResponseError: (controller, error) => {
      finish();
      inner.onResponseError?.(controller, error);
    },
  };
}

/** `base` (undici's global dispatcher by default) with every call reported to `observe`, labelled `vendor`. */
export function meteredDispatcher(vendor: string, observe: VendorCallObserver, base?: Dispatcher): Dispatcher {
  const dispatcher = base ?? getGlobalDispatcher();
  return dispatcher.compose(
    (dispatch) => (options, handler) =>
      dispatch(
        options,
        meteredHandler(handler, (status, seconds) => observe({ vendor, method: options.method, status, seconds })),
      ),
  );
}
