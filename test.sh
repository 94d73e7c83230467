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
# The storage tests run a second time on a throw-away PostgreSQL cluster (Debian's server programs).
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
ls -d /usr/lib/postgresql/*/bin | tail -1
# The workbench's browser tests drive Debian's Chromium with Playwright, which is never let download
# one (tests/Translations.Workbench.Tests/Browser). DejaVu renders Cyrillic in the screenshots.
if [ ! -x /usr/lib/chromium/chromium-headless-shell ] || [ ! -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    chromium chromium-headless-shell fonts-dejavu-core >/dev/null
fi
/usr/lib/chromium/chromium-headless-shell --version

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

step "tests (SQLite, and everything that does not depend on the database)"
results=$(mktemp -d)
# Runs dotnet test with the given arguments, adding its counts to passed and failed.
passed=0
failed=0
total=0
test_exit=0
run_dotnet_tests() {
  local code
  set +e
  "$@" 2>&1 | tee "$results/output.txt"
  code=${PIPESTATUS[0]}
  set -e
  [ "$code" = 0 ] || test_exit=$code
  # Each failed test's name and message, repeated at the end where the last lines of the log show them.
  grep -E -A8 '^failed ' "$results/output.txt" | grep -v -E '^\s+at ' >>"$results/failures.txt" || true
  total=$((total + $(grep -E '^\s+total: [0-9]+' "$results/output.txt" | tail -1 | grep -oE '[0-9]+' || echo 0)))
  passed=$((passed + $(grep -E '^\s+succeeded: [0-9]+' "$results/output.txt" | tail -1 | grep -oE '[0-9]+' || echo 0)))
  failed=$((failed + $(grep -E '^\s+failed: [0-9]+' "$results/output.txt" | tail -1 | grep -oE '[0-9]+' || echo 0)))
}
run_dotnet_tests dotnet test --solution Translations.sln -c Release --no-build

step "tests on PostgreSQL: the storage-facing classes again (store, cache over replicas, workflow, watch, scheduling, hostile input)"
run_dotnet_tests env TRANSLATIONS_TEST_DATABASE=PostgreSql \
  dotnet test --project tests/Translations.Api.Tests -c Release --no-build --filter-trait "Database=Each"

# Starts the service exactly as the README says (Development, its local key), on free ports (gRPC and
# HTTP/JSON) with a fresh database in the folder $1, and waits until it listens; sets $port and $http_port. Its log is $1/service.log;
# both go on exit.
services=()
folders=()
trap 'for pid in "${services[@]}"; do kill -- -"$pid" 2>/dev/null || true; done; rm -rf "${folders[@]}"' EXIT
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
start_service() {
  folders+=("$1")
  port=$(free_port)
  http_port=$(free_port)
  ConnectionStrings__Releases="Data Source=$1/releases.db" Kestrel__Endpoints__Grpc__Url="http://127.0.0.1:$port" \
    Kestrel__Endpoints__Http__Url="http://127.0.0.1:$http_port" \
    setsid dotnet run --project src/Translations.Api -c Release --no-build >"$1/service.log" 2>&1 &
  services+=($!)
  for _ in $(seq 240); do
    node -e "require('net').connect($port,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))" && return
    sleep 0.5
  done
  echo "The service did not listen on $port within 2 minutes:"; cat "$1/service.log"
}
# In Development the service creates its local signing key on start; the token command mints with it.
mint() { dotnet run --project src/Translations.Cli -c Release --no-build -- token "$@"; }
# Runs a node --test command (TAP output) against the service whose folder is $1, adding its counts to
# node_passed and node_failed; a failing run shows the service's log.
node_passed=0
node_failed=0
node_exit=0
run_node_tests() {
  local folder=$1 code passed failed
  shift
  set +e
  "$@" | tee "$results/tap.txt"
  code=${PIPESTATUS[0]}
  set -e
  passed=$(grep -E '^# pass [0-9]+' "$results/tap.txt" | grep -oE '[0-9]+' || echo 0)
  failed=$(grep -E '^# fail [0-9]+' "$results/tap.txt" | grep -oE '[0-9]+' || echo 0)
  if [ "$code" != 0 ]; then
    echo "--- service log"; cat "$folder/service.log"
    [ "$failed" = 0 ] && failed=1
    node_exit=1
  fi
  node_passed=$((node_passed + passed))
  node_failed=$((node_failed + failed))
}

step "contract check: a Node.js client generated from protos/ alone, against the service started as the README says"
(cd tests/contract-node && npm install --no-audit --no-fund --loglevel=error >/dev/null)
contract_data=$(mktemp -d)
start_service "$contract_data"
editor_token=$(mint --sub contract-editor --role editor)
reader_token=$(mint --sub contract-reader --role reader)
admin_token=$(mint --sub contract-admin --role admin)
run_node_tests "$contract_data" env -C tests/contract-node TRANSLATIONS_ADDRESS="127.0.0.1:$port" TRANSLATIONS_HTTP_ADDRESS="127.0.0.1:$http_port" \
  TRANSLATIONS_EDITOR_TOKEN="$editor_token" TRANSLATIONS_READER_TOKEN="$reader_token" TRANSLATIONS_ADMIN_TOKEN="$admin_token" node --test --test-reporter=tap

step "README example: run as written, top to bottom, against a fresh service"
example_data=$(mktemp -d)
start_service "$example_data"
run_node_tests "$example_data" env TRANSLATIONS_ADDRESS="127.0.0.1:$port" node --test --test-reporter=tap tests/readme-example/
if [ -s "$results/failures.txt" ]; then
  step "failed tests"
  cat "$results/failures.txt"
fi
rm -rf "$results"

if [ "$total" = 0 ] && [ "$test_exit" = 0 ]; then test_exit=1; echo "No test ran."; fi
echo
echo "Tests: $((passed + node_passed)) passed, $((failed + node_failed)) failed"
[ "$test_exit" = 0 ] && [ "$node_exit" = 0 ] && [ "$lint_failed" = 0 ]
