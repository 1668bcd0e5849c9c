#!/usr/bin/env bash
# Brings PublicAPI.Unshipped.txt of each packable project in line with its public surface: builds, then adds the
# symbols the PublicApiAnalyzers report as undeclared (RS0016) and drops the ones reported as gone (RS0017).
# Review the diff: every line is a promise to users. PUBLIC_API_TARGET=src/X/X.csproj limits the build to one project.
set -euo pipefail
cd "$(dirname "$0")/.."
for round in 1 2 3; do
  log=$(mktemp)
  dotnet build "${PUBLIC_API_TARGET:-PrePull.sln}" -nologo -clp:NoSummary -p:TreatWarningsAsErrors=false "$@" >"$log" 2>&1 || true
  changed=0
  for proj in src/*/; do
    name=$(basename "$proj")
    api="$proj/PublicAPI.Unshipped.txt"
    [ -f "$api" ] || continue
    add=$(grep -oP "RS0016: Symbol '\K.*(?=' is not part of the declared public API.*\[.*/$name/$name\.csproj\])" "$log" | sort -u || true)
    del=$(grep -oP "RS0017: Symbol '\K.*(?=' is part of the declared API, but is either not public or could not be found.*\[.*/$name/$name\.csproj\])" "$log" | sort -u || true)
    if [ -n "$add" ] || [ -n "$del" ]; then
      changed=1
      { grep -v '^#nullable' "$api" || true; printf '%s\n' "$add"; } | grep -v '^$' | sort -u > "$api.tmp"
      if [ -n "$del" ]; then grep -vxF -f <(printf '%s\n' "$del") "$api.tmp" > "$api.tmp2" || true; mv "$api.tmp2" "$api.tmp"; fi
      { echo '#nullable enable'; cat "$api.tmp"; } > "$api"; rm -f "$api.tmp"
    fi
  done
  rm -f "$log"
  [ "$changed" = 1 ] || break
done
echo "PublicAPI files are up to date."
