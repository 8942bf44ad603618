#!/bin/sh
# Temporal's time-skipping test server from the jars Maven fetched (see pom.xml). The TypeScript SDK starts this
# as an `existing-path` executable and passes the server's own arguments (port, --enable-time-skipping), which go
# through unchanged. The classpath comes from the workflow tests' global setup.
if [ -z "${KEYWARDEN_TEST_SERVER_CLASSPATH:-}" ]; then
  echo "KEYWARDEN_TEST_SERVER_CLASSPATH is not set: run through jest (test/workflows/setup/global-setup.ts)" >&2
  exit 2
fi
# Serial GC and no JIT tiers beyond C1: the server is short-lived and shares two cores with the tests.
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$KEYWARDEN_TEST_SERVER_CLASSPATH" \
  io.temporal.testserver.TestServer "$@"
