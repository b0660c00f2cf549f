# Sourced by .ci/run (bash, set -euo pipefail): a throwaway redis-server on 127.0.0.1 for the
# multi-replica tests (test/reliability/replicas.test.ts), exported as REDIS_URL.
#   - installs redis-server with apt-get when it is missing (apt-get update once, quiet);
#   - starts it daemonized on a free loopback port, without persistence (no RDB, no AOF);
#   - stops it when the sourcing shell exits.
# An existing REDIS_URL is kept as it is. When Redis cannot be installed or started this script
# only says so: under CI=true the Redis tests then fail with that reason instead of skipping.
ci_redis_start() {
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "ci: installing redis-server (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || true
    if ! apt-get install -y -qq --no-install-recommends redis-server >/dev/null 2>&1; then
      echo "ci: could not install redis-server; the Redis tests will fail under CI=true" >&2
      return 0
    fi
  fi
  local port dir
  port=$(node -e 'const s=require("node:net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
  dir=$(mktemp -d "${TMPDIR:-/tmp}/ci-redis.XXXXXX")
  if ! redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes --daemonize yes \
      --save "" --appendonly no --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"; then
    echo "ci: redis-server did not start" >&2
    return 0
  fi
  local i
  for i in $(seq 1 50); do
    if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
      export REDIS_URL="redis://127.0.0.1:$port"
      CI_REDIS_PORT="$port"
      trap 'redis-cli -h 127.0.0.1 -p "$CI_REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true' EXIT
      echo "ci: redis-server $(redis-server --version | sed -E 's/.*v=([^ ]+).*/\1/') on $REDIS_URL"
      return 0
    fi
    sleep 0.1
  done
  echo "ci: redis-server did not answer on 127.0.0.1:$port; see $dir/redis.log" >&2
  return 0
}

if [ -z "${REDIS_URL:-}" ]; then
  ci_redis_start
fi
