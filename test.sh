#!/usr/bin/env bash
# Runs every test: unit, integration on SQLite and on PostgreSQL, and browser end-to-end in Chromium.
# On a fresh Debian/Ubuntu machine with the .NET 10 SDK it installs Chromium and PostgreSQL where missing
# (needs root or sudo), starts a throwaway PostgreSQL, and ends with one line "N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")"
root=$PWD
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]} ..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# A throwaway PostgreSQL cluster inside the work tree, stopped on exit.
source deploy/scripts/pg-throwaway.sh
pg_start
trap pg_stop EXIT
export SCHOOLMIS_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Database=postgres;Username=schoolmis;Password=schoolmis"

dotnet tool restore >/dev/null
dotnet restore SchoolMis.sln -v q
dotnet build SchoolMis.sln --no-restore -c Release -v q -nologo
migrations/check-migrations.sh Release

rm -rf artifacts/testresults
set +e
# One test project at a time: the browser tests time pages, and 2 cores are not enough to run them beside the rest.
dotnet test SchoolMis.sln --no-build -c Release -m:1 --logger trx --results-directory artifacts/testresults
rc=$?
set -e

passed=0; failed=0; skipped=0
for f in artifacts/testresults/*.trx; do
  [ -f "$f" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$f")
  get() { sed -E "s/.* $1=\"([0-9]+)\".*/\1/" <<<"$counters"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  skipped=$((skipped + $(get total) - $(get executed)))
done
[ "$passed" -gt 0 ] || rc=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $rc
