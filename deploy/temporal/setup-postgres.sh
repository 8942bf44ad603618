#!/bin/sh
# Creates or upgrades Temporal's two PostgreSQL databases (run by the temporal-admin-tools service before the
# server starts). Safe to run on every `docker compose up`: creating what exists is skipped, upgrading is a no-op
# when the schema is current.
set -eu
tool() { temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -u "$POSTGRES_USER" -p "$DB_PORT" "$@"; }
schemas=/etc/temporal/schema/postgresql/v12

until nc -z "$POSTGRES_SEEDS" "$DB_PORT"; do echo "waiting for PostgreSQL at $POSTGRES_SEEDS:$DB_PORT"; sleep 2; done
for db in temporal temporal_visibility; do
  dir=$([ "$db" = temporal ] && echo temporal || echo visibility)
  tool --db "$db" create 2>/dev/null || echo "database $db exists"
  tool --db "$db" setup-schema -v 0.0 2>/dev/null || echo "schema of $db already set up"
  tool --db "$db" update-schema -d "$schemas/$dir/versioned"
done
echo "Temporal schema is current"
