#!/usr/bin/env bash
# Runs the whole test suite from a fresh clone, and ends with one line "N passed, N failed[, N skipped]".
#  - As root, installs what the daemon tests need (Debian: containerd, docker.io, docker-registry, apache2-utils,
#    kubectl where the distribution has it). Tests start the daemons themselves, on loopback and in temp dirs.
#  - PREPULL_REQUIRE_DAEMONS=1 turns a missing daemon into a failure instead of a skip (CI sets it).
#  - Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Images").
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

need_pkgs=()
command -v containerd >/dev/null 2>&1 || need_pkgs+=(containerd)
command -v dockerd >/dev/null 2>&1 || need_pkgs+=(docker.io)
{ command -v docker-registry >/dev/null 2>&1 || [ -x /usr/bin/docker-registry ]; } || need_pkgs+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || need_pkgs+=(apache2-utils)
# kubectl: Debian ships it as kubernetes-client (older than a vendor build, enough for the wire checks the tests make).
command -v kubectl >/dev/null 2>&1 || need_pkgs+=(kubernetes-client)
# clang and zlib1g-dev: Native AOT links the published edge agent with them (eng/publish-agent.sh, its test).
{ command -v clang >/dev/null 2>&1 || compgen -c clang- | grep -qE '^clang-[0-9]+$'; } || need_pkgs+=(clang)
[ -e /usr/include/zlib.h ] || need_pkgs+=(zlib1g-dev)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${need_pkgs[*]}"
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null 2>&1 \
      || echo "test.sh: could not install ${need_pkgs[*]}; the daemon tests will skip (or fail with PREPULL_REQUIRE_DAEMONS=1)"
  else
    echo "test.sh: missing ${need_pkgs[*]} (run as root to install); the daemon tests will skip (or fail with PREPULL_REQUIRE_DAEMONS=1)"
  fi
fi

results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"

dotnet build PrePull.sln -c Release -nologo -v:q -clp:ErrorsOnly
build_rc=$?
if [ $build_rc -ne 0 ]; then
  echo "test.sh: build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# One run per test project, each with its own results file (parallel runs could overwrite each other's), and a
# hang guard so that one stuck test cannot eat the whole CI budget.
test_rc=0
for proj in tests/*/*.Tests.csproj; do
  name=$(basename "$proj" .csproj)
  dotnet test "$proj" -c Release --no-build -nologo --blame-hang-timeout 15m \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$results" "$@" || test_rc=1
done

passed=0; failed=0; total=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  t=$(get total); p=$(get passed); f=$(get failed); e=$(get error); to=$(get timeout); a=$(get aborted)
  total=$((total + ${t:-0})); passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${to:-0} + ${a:-0}))
done
skipped=$((total - passed - failed))
# A test run that crashed or wrote no results is a failure, whatever the counts say.
if [ $test_rc -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi
if [ $files -eq 0 ]; then failed=$((failed + 1)); fi

line="$passed passed, $failed failed"
[ $skipped -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ $failed -eq 0 ]
