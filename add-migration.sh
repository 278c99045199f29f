#!/usr/bin/env bash
# Adds a migration named $1 to both sets (SQLite and PostgreSQL) from the current model, then regenerates the
# compiled model of each provider (CompiledModel/ in each set; a test fails when it is stale). Databases made by
# earlier versions of main are upgraded by these migrations at their next start.
set -euo pipefail
cd "$(dirname "$0")"
name=${1:?usage: ./add-migration.sh <MigrationName>}
pg=(-- --Runner:Database:Provider=postgres --Runner:Database:ConnectionString="Host=localhost")
# A stale compiled model may no longer compile; without one the host builds the model at start.
rm -rf src/Runner.Migrations.Sqlite/CompiledModel src/Runner.Migrations.Postgres/CompiledModel
dotnet build src/Runner.Host -v q -nologo >/dev/null
dotnet ef migrations add "$name" -p src/Runner.Migrations.Sqlite -s src/Runner.Host -o Migrations --no-build >/dev/null
dotnet ef migrations add "$name" -p src/Runner.Migrations.Postgres -s src/Runner.Host -o Migrations --no-build "${pg[@]}" >/dev/null
dotnet ef dbcontext optimize -p src/Runner.Migrations.Sqlite -s src/Runner.Host -o CompiledModel -n Runner.Migrations.Sqlite.CompiledModel --no-build >/dev/null
dotnet ef dbcontext optimize -p src/Runner.Migrations.Postgres -s src/Runner.Host -o CompiledModel -n Runner.Migrations.Postgres.CompiledModel --no-build "${pg[@]}" >/dev/null
echo "Migration $name added to both sets; compiled models regenerated."
