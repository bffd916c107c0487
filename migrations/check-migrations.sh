#!/usr/bin/env bash
# CI gate: fails when any provider's migrations lag behind the model, then writes the idempotent
# SQL Server script (SQL Server cannot run here; the script is checked offline by a test).
# Usage: migrations/check-migrations.sh [Configuration]
set -euo pipefail
configuration=${1:-Release}
cd "$(dirname "$0")/.."
for provider in Sqlite PostgreSql SqlServer; do
  dotnet ef migrations has-pending-model-changes --no-build --configuration "$configuration" \
    --project "migrations/SchoolMis.Migrations.$provider" --startup-project src/SchoolMis.Web \
    --context MigrationsDbContext -- --provider "$provider"
done
mkdir -p artifacts
dotnet ef migrations script --idempotent --no-build --configuration "$configuration" \
  --project migrations/SchoolMis.Migrations.SqlServer --startup-project src/SchoolMis.Web \
  --context MigrationsDbContext --output artifacts/sqlserver-idempotent.sql -- --provider SqlServer
echo "SQL Server script: artifacts/sqlserver-idempotent.sql ($(wc -l < artifacts/sqlserver-idempotent.sql) lines)"
