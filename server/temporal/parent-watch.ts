/**
 * Starting the embedded server so that it never outlives the Keywarden that started it. Node cannot ask the
 * kernel for a parent-death signal (PDEATHSIG), and a SIGKILLed process runs no exit hook, so the server is
 * started under a small POSIX shell watch instead: its stdin is a pipe whose only writer is this process. When
 * this process ends, however it ends, the kernel closes the pipe; the watch reads end-of-file and stops the server
 * (SIGTERM, then SIGKILL after 10 s). The watch passes a SIGTERM on to the server, exits with the server's own
 * exit code when the server ends, and prints the server's pid first, so the pid file names the server itself.
 *
 * The watch runs only shell built-ins apart from the server (`read`, `kill`, `wait`), so it costs about a
 * megabyte, not a second Node process.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** What the watch prints before anything the server prints, on its own line. */
const PID_LINE = 'keywarden-server-pid';

/**
 * $@ is the server's command line. The watcher runs in the background on the pipe (fd 3: a background job's stdin
 * would be /dev/null); the foreground waits on the server (again after a forwarded SIGTERM interrupts `wait`),
 * then stops the watcher and exits as the server did.
 */
const WATCH_SCRIPT = `
exec 3<&0
"$@" </dev/null 3<&- &
server=$!
echo "${PID_LINE} $server"
{ while read -r _line; do :; done; kill -TERM "$server"; sleep 10; kill -KILL "$server"; } <&3 2>/dev/null &
watcher=$!
trap 'kill -TERM "$server" 2>/dev/null' TERM INT
code=0
while kill -0 "$server" 2>/dev/null; do wait "$server"; code=$?; done
kill "$watcher" 2>/dev/null
exit "$code"
`;

export interface WatchedServer {
  /** The watch process: signal it to stop the server; it exits when the server does, with its code. */
  child: ChildProcess;
  /** The server's own pid, once the watch has started it. */
  serverPid: Promise<number>;
}

/** Starts `command args` under the parent watch, in its own process group (a terminal's Ctrl-C reaches only us). */
export function spawnWatched(command: string, args: readonly string[]): WatchedServer {
  const child = spawn('/bin/sh', ['-c', WATCH_SCRIPT, 'keywarden-temporal-watch', command, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  // Nothing is ever written: the pipe exists only to close when this process ends.
  child.stdin?.on('error', () => undefined);
  const serverPid = new Promise<number>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const pid = new RegExp(`${PID_LINE} (\\d+)`).exec(seen)?.[1];
      if (!pid) return;
      child.stdout?.off('data', onData);
      resolve(Number(pid));
    };
    child.stdout?.on('data', onData);
    child.once('exit', () => reject(new Error('the Temporal server watch ended before starting the server')));
  });
  serverPid.catch(() => undefined);
  return { child, serverPid };
}
