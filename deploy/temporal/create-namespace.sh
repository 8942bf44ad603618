#!/bin/sh
# Creates Keywarden's namespace once, keeping closed workflows (the audit trail `/keys status` reads) for a year.
set -eu
ns="${KEYWARDEN_NAMESPACE:-default}"
until temporal operator cluster health --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; do sleep 2; done
if temporal operator namespace describe --namespace "$ns" --address "$TEMPORAL_ADDRESS" >/dev/null 2>&1; then
  echo "namespace $ns exists"
else
  temporal operator namespace create --namespace "$ns" --retention 365d --address "$TEMPORAL_ADDRESS"
fi
