#!/usr/bin/env bash
# Regenerates the Initial migration of both sets from the current model, under a fixed id so the hand-written
# migrations that follow it (search) keep their order (only while the schema has not shipped), and the compiled model
# of each provider that the host starts on (CompiledModel/ in each set; a test fails when it is stale).
# Since 2026-11-26 databases made by main exist (every start of a clone makes one), so a schema change is a new
# migration (./add-migration.sh <Name>), which upgrades them; folding it into Initial would leave them behind.
# This script stays for a fresh start of the schema only: RUNNER_REGEN_INITIAL=1 ./regen-migrations.sh
set -euo pipefail
cd "$(dirname "$0")"
if [ "${RUNNER_REGEN_INITIAL:-}" != 1 ]; then
  echo "Schema changes are new migrations now: ./add-migration.sh <Name> (RUNNER_REGEN_INITIAL=1 folds everything into Initial)." >&2
  exit 1
fi
ID=20261125000000
for set in Sqlite Postgres; do
  find src/Runner.Migrations.$set/Migrations -name '*_Initial*.cs' -delete 2>/dev/null || true
  rm -f src/Runner.Migrations.$set/Migrations/RunnerDbContextModelSnapshot.cs
  # A stale compiled model may no longer compile; without one the host builds the model at start.
  rm -rf src/Runner.Migrations.$set/CompiledModel
done
dotnet build src/Runner.Host -v q -nologo >/dev/null
dotnet ef migrations add Initial -p src/Runner.Migrations.Sqlite -s src/Runner.Host -o Migrations --no-build >/dev/null
dotnet ef migrations add Initial -p src/Runner.Migrations.Postgres -s src/Runner.Host -o Migrations --no-build -- --Runner:Database:Provider=postgres --Runner:Database:ConnectionString="Host=localhost" >/dev/null
for set in Sqlite Postgres; do
  dir=src/Runner.Migrations.$set/Migrations
  for f in "$dir"/*_Initial.cs "$dir"/*_Initial.Designer.cs; do
    old=$(basename "$f" | cut -d_ -f1)
    sed -i "s/${old}_Initial/${ID}_Initial/" "$f"
    mv "$f" "$dir/${ID}_$(basename "$f" | cut -d_ -f2-)"
  done
done
dotnet ef dbcontext optimize -p src/Runner.Migrations.Sqlite -s src/Runner.Host -o CompiledModel -n Runner.Migrations.Sqlite.CompiledModel --no-build >/dev/null
dotnet ef dbcontext optimize -p src/Runner.Migrations.Postgres -s src/Runner.Host -o CompiledModel -n Runner.Migrations.Postgres.CompiledModel --no-build -- --Runner:Database:Provider=postgres --Runner:Database:ConnectionString="Host=localhost" >/dev/null
echo "Initial migrations regenerated as ${ID}_Initial; compiled models regenerated."
