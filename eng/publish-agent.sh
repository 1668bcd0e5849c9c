#!/usr/bin/env bash
# Publishes samples/EdgeAgent as a Native AOT single file (docs/design.md §3 "The edge agent on a small device").
#   eng/publish-agent.sh [OUTPUT_DIR] [RID] [MSBUILD_ARGS...]      default: artifacts/agent-aot, linux-x64
#   e.g. eng/publish-agent.sh /tmp/agent linux-x64 -p:IlcGenerateMapFile=true   (what the compiler kept: obj/.../native/EdgeAgent.map.xml)
# Native AOT links with clang; as root, the script installs Debian's clang and zlib1g-dev when no clang is found.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$repo/artifacts/agent-aot}"
rid="${2:-linux-x64}"

find_clang() {
  if command -v clang >/dev/null 2>&1; then echo clang; return; fi
  # Debian's versioned packages (clang-14, ...) install clang-N only.
  compgen -c clang- | grep -E '^clang-[0-9]+$' | sort -t- -k2 -n | tail -1
}

cc="$(find_clang || true)"
if [[ -z "$cc" && "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
  apt-get install -y --no-install-recommends clang zlib1g-dev >/dev/null
  cc="$(find_clang || true)"
fi
if [[ -z "$cc" ]]; then
  echo "publish-agent: no clang on PATH (Native AOT links with it); install clang and zlib1g-dev" >&2
  exit 2
fi

dotnet publish "$repo/samples/EdgeAgent/EdgeAgent.csproj" -c Release -r "$rid" -nologo -v:q -clp:ErrorsOnly \
  -p:PublishAot=true -p:CppCompilerAndLinker="$cc" -p:StripSymbols=true -o "$out" "${@:3}"
echo "$out/EdgeAgent"
