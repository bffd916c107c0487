#!/usr/bin/env bash
# Adds one migration, with the same name, for every provider (SQLite, PostgreSQL, SQL Server).
# Usage: migrations/add-migration.sh AddSomething
set -euo pipefail
name=${1:?usage: migrations/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/SchoolMis.Web/SchoolMis.Web.csproj -v q -nologo >/dev/null
for provider in Sqlite PostgreSql SqlServer; do
  echo "== $provider"
  dotnet ef migrations add "$name" --no-build \
    --project "migrations/SchoolMis.Migrations.$provider" --startup-project src/SchoolMis.Web \
    --context MigrationsDbContext --output-dir Migrations -- --provider "$provider"
done
