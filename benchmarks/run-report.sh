#!/usr/bin/env bash
# Runs the BenchmarkDotNet suites, then the fleet scaling report. See benchmarks/README.md.
#   ./benchmarks/run-report.sh                 every suite (default job), then the full report
#   ./benchmarks/run-report.sh --quick         suites as ShortRun, report at 1k/10k in process and 2k end to end
#   ./benchmarks/run-report.sh --report-only   only the fleet scaling report
#   ./benchmarks/run-report.sh --suites-only   only the BenchmarkDotNet suites
set -euo pipefail
cd "$(dirname "$0")/.."

project=benchmarks/KubeEdge.PrePull.Benchmarks
artifacts=benchmarks/results/BenchmarkDotNet.Artifacts
quick=0 suites=1 report=1
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    --report-only) suites=0 ;;
    --suites-only) report=0 ;;
    *) echo "run-report.sh: unknown argument '$arg' (known: --quick, --report-only, --suites-only)" >&2; exit 2 ;;
  esac
done

dotnet build -c Release "$project"

if [ "$suites" = 1 ]; then
  job=()
  [ "$quick" = 1 ] && job=(--job short)
  names=(PlanningBenchmark ReferenceParsingBenchmark SchedulerBenchmark SimulatedFleetBenchmark FleetBenchmark WatchFanoutBenchmark)
  # CriPull needs a real containerd, a registry and root (see Pulling/CriPullBenchmark.cs); skip it, saying so, otherwise.
  if [ "$(id -u)" = 0 ] && command -v containerd >/dev/null && command -v docker-registry >/dev/null; then
    names+=(CriPullBenchmark)
  else
    echo "run-report.sh: skipping CriPullBenchmark (needs root, containerd, docker-registry and apache2-utils)" >&2
  fi
  failed=()
  for name in "${names[@]}"; do
    # One process per suite, so one failing suite does not stop the others.
    dotnet run -c Release --no-build --project "$project" -- --filter "*.${name}.*" "${job[@]}" \
      --artifacts "$artifacts" --exporters github || failed+=("$name")
  done
  echo "BenchmarkDotNet reports: $artifacts/results/*-report-github.md"
  [ "${#failed[@]}" = 0 ] || echo "run-report.sh: suites that failed: ${failed[*]}" >&2
fi

if [ "$report" = 1 ]; then
  extra=()
  [ "$quick" = 1 ] && extra=(--quick)
  dotnet run -c Release --no-build --project "$project" -- report "${extra[@]}"
fi
