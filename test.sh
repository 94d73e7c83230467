#!/usr/bin/env bash
# Runs every check and test of Translations from a fresh clone, installing what is missing.
#   ./test.sh
# Last line: "Tests: N passed, N failed". Exit code 0 only when the lint and every test pass.
set -euo pipefail
cd "$(dirname "$0")"

step() { printf '\n== %s\n' "$*"; }

step "prerequisites"
# The cache tests start real redis-server processes on free loopback ports.
if ! command -v redis-server >/dev/null 2>&1 && [ ! -x /usr/bin/redis-server ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
redis-server --version

step "restore and build (Release)"
dotnet build Translations.sln -c Release -nologo -v quiet

step "buf lint (default rules) on the protos"
packages=$(dotnet nuget locals global-packages -l | sed 's/^global-packages: //')
grpc_tools_version=$(sed -n 's/.*Include="Grpc.Tools" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
common_protos_version=$(sed -n 's/.*Include="Google.Api.CommonProtos" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
tools="${packages%/}/grpc.tools/${grpc_tools_version}"
protoc="$tools/tools/linux_x64/protoc"
chmod +x "$protoc"
if [ ! -x .tools/buf/node_modules/.bin/buf ]; then
  npm install --no-save --no-audit --no-fund --loglevel=error --prefix .tools/buf @bufbuild/buf@1.75.0 >/dev/null
fi
# buf cannot fetch googleapis offline, so protoc (from Grpc.Tools) builds an image with the imports
# resolved from the restored packages, and buf lints only our own files in it.
mkdir -p .tools/lint
"$protoc" -Iprotos -I"${packages%/}/google.api.commonprotos/${common_protos_version}/content/protos" \
  -I"$tools/build/native/include" --include_imports --include_source_info \
  -o .tools/lint/image.binpb protos/translations/v1/*.proto
lint_failed=0
.tools/buf/node_modules/.bin/buf lint .tools/lint/image.binpb --path translations/v1 --config buf.yaml || lint_failed=1
[ "$lint_failed" = 0 ] && echo "buf lint: passed" || echo "buf lint: FAILED"

step "tests"
results=$(mktemp -d)
set +e
dotnet test --solution Translations.sln -c Release --no-build 2>&1 | tee "$results/output.txt"
test_exit=${PIPESTATUS[0]}
set -e
total=$(grep -E '^\s+total: [0-9]+' "$results/output.txt" | tail -1 | grep -oE '[0-9]+' || echo 0)
passed=$(grep -E '^\s+succeeded: [0-9]+' "$results/output.txt" | tail -1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+failed: [0-9]+' "$results/output.txt" | tail -1 | grep -oE '[0-9]+' || echo 0)

# Starts the service exactly as the README says (Development, its local key), on a free port with a
# fresh database in the folder $1; sets $port. Its log is $1/service.log; both go on exit.
services=()
folders=()
trap 'for pid in "${services[@]}"; do kill -- -"$pid" 2>/dev/null || true; done; rm -rf "${folders[@]}"' EXIT
start_service() {
  folders+=("$1")
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  ConnectionStrings__Releases="Data Source=$1/releases.db" Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:$port" \
    setsid dotnet run --project src/Translations.Api -c Release --no-build >"$1/service.log" 2>&1 &
  services+=($!)
}
# In Development the service creates its local signing key on start; the token command mints with it.
mint() { dotnet run --project src/Translations.Tokens -c Release --no-build -- "$@"; }

step "contract check: a Node.js client generated from protos/ alone, against the service started as the README says"
(cd tests/contract-node && npm install --no-audit --no-fund --loglevel=error >/dev/null)
contract_data=$(mktemp -d)
start_service "$contract_data"
contract_port=$port
for _ in $(seq 120); do
  editor_token=$(mint --sub contract-editor --role editor 2>/dev/null) && break
  sleep 0.5
done
reader_token=$(mint --sub contract-reader --role reader)
set +e
(cd tests/contract-node && TRANSLATIONS_ADDRESS="127.0.0.1:$contract_port" TRANSLATIONS_EDITOR_TOKEN="$editor_token" \
  TRANSLATIONS_READER_TOKEN="$reader_token" node --test --test-reporter=tap) | tee "$results/contract.txt"
contract_exit=${PIPESTATUS[0]}
set -e
contract_passed=$(grep -E '^# pass [0-9]+' "$results/contract.txt" | grep -oE '[0-9]+' || echo 0)
contract_failed=$(grep -E '^# fail [0-9]+' "$results/contract.txt" | grep -oE '[0-9]+' || echo 0)
if [ "$contract_exit" != 0 ]; then
  echo "--- service log"; cat "$contract_data/service.log"
  [ "$contract_failed" = 0 ] && contract_failed=1
fi

step "README example: run as written, top to bottom, against a fresh service"
example_data=$(mktemp -d)
start_service "$example_data"
for _ in $(seq 120); do
  node -e "require('net').connect($port,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))" && break
  sleep 0.5
done
set +e
TRANSLATIONS_ADDRESS="127.0.0.1:$port" node --test --test-reporter=tap tests/readme-example/ | tee "$results/example.txt"
example_exit=${PIPESTATUS[0]}
set -e
example_passed=$(grep -E '^# pass [0-9]+' "$results/example.txt" | grep -oE '[0-9]+' || echo 0)
example_failed=$(grep -E '^# fail [0-9]+' "$results/example.txt" | grep -oE '[0-9]+' || echo 0)
if [ "$example_exit" != 0 ]; then
  echo "--- service log"; cat "$example_data/service.log"
  [ "$example_failed" = 0 ] && example_failed=1
fi
rm -rf "$results"

if [ "$total" = 0 ] && [ "$test_exit" = 0 ]; then test_exit=1; echo "No test ran."; fi
echo
echo "Tests: $((passed + contract_passed + example_passed)) passed, $((failed + contract_failed + example_failed)) failed"
[ "$test_exit" = 0 ] && [ "$contract_exit" = 0 ] && [ "$example_exit" = 0 ] && [ "$lint_failed" = 0 ]
