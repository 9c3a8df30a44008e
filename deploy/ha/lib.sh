# shellcheck shell=bash
# The test HA cluster on one machine: one etcd member, two Patroni-managed
# PostgreSQL 15 nodes (synchronous_mode), HAProxy in front. Sourced by
# cluster.sh; a test may source it too and call the ha_* functions.
# TEST ONLY: trust authentication on 127.0.0.1, no TLS, one etcd member.

HA_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
: "${HA_DIR:=$HA_ROOT/.data/ha}"
: "${HA_SCOPE:=dvc-ha}"            # Patroni cluster name (also PostgreSQL's cluster_name)
: "${HA_DB:=dvc}"                  # database that `up` creates
: "${HA_DB_USER:=postgres}"        # test only: the superuser, trust auth
: "${HA_ETCD_CLIENT_PORT:=23791}"
: "${HA_ETCD_PEER_PORT:=23801}"
: "${HA_PG_PORT_1:=5441}"
: "${HA_PG_PORT_2:=5442}"
: "${HA_REST_PORT_1:=8101}"
: "${HA_REST_PORT_2:=8102}"
: "${HA_PRIMARY_PORT:=5445}"
: "${HA_REPLICA_PORT:=5446}"
: "${HA_STATS_PORT:=7001}"
: "${HA_SINGLE_PORT:=5447}"        # `single-up`: a lone PostgreSQL to compare the pair with
# Failover timing (Patroni's own defaults: 30 / 10 / 10 / 300 / false).
# Applied at bootstrap and re-applied to the DCS by every `up`.
: "${HA_TTL:=10}"
: "${HA_LOOP_WAIT:=2}"
: "${HA_RETRY_TIMEOUT:=3}"
: "${HA_PRIMARY_START_TIMEOUT:=0}"
: "${HA_SYNC_STRICT:=false}"
# HAProxy health checks: a dead primary leaves the primary port after about
# INTER*FALL ms, a new one joins after INTER*RISE ms.
: "${HA_CHECK_INTER:=500}"
: "${HA_CHECK_FALL:=2}"
: "${HA_CHECK_RISE:=1}"
: "${HA_UP_TIMEOUT:=90}"           # seconds `up` and `wait-healthy` wait

HA_DIR=$(realpath -m "$HA_DIR")   # absolute: pid checks look for it in command lines
PG_BIN=/usr/lib/postgresql/15/bin
PY=/usr/bin/python3                # Patroni's own interpreter, not a pyenv one on PATH
RUN=$HA_DIR/run
LOGS=$HA_DIR/log
NODES=(node1 node2)

ha_log() { printf '[ha %s] %s\n' "$(date +%T)" "$*" >&2; }
ha_die() { ha_log "error: $*"; exit 1; }

node_pg_port()   { local v="HA_PG_PORT_${1#node}"; echo "${!v}"; }
node_rest_port() { local v="HA_REST_PORT_${1#node}"; echo "${!v}"; }
node_data()      { echo "$HA_DIR/$1/data"; }

# --- processes, by pid file -------------------------------------------------
# A process is ours when its command line is one we start for this HA_DIR; a
# pid file whose process is not ours is stale (reboot, pid reuse): ignored.
cmdline() { tr '\0' ' ' 2>/dev/null <"/proc/$1/cmdline"; }
is_ours() {
  case $(cmdline "$1") in
    *"/postgres -D $HA_DIR/"* | *"/patroni $HA_DIR/"* | "etcd --name "*"--data-dir $HA_DIR/etcd "* | "haproxy -db -f $RUN/haproxy.cfg "*) return 0 ;;
  esac
  return 1
}
our_pids() { local p; for p in $(pgrep -f -- "$HA_DIR" || true); do if is_ours "$p"; then echo "$p"; fi; done; }
pid_of() {
  local f=$RUN/$1.pid pid
  [[ -s $f ]] || return 1
  pid=$(<"$f")
  is_ours "$pid" && echo "$pid"
}
is_running() { pid_of "$1" >/dev/null; }

# start_bg NAME CMD...: detached from our session (setsid; a background child
# of a script is no group leader, so setsid execs in place and $! stays the
# daemon's pid), stdin closed, output to log/NAME.log.
start_bg() {
  local name=$1; shift
  setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
  echo $! >"$RUN/$name.pid"
}

stop_pid() { # stop_pid NAME SECONDS: SIGTERM, then SIGKILL after SECONDS
  ha_log "stopping $1"
  local pid i
  pid=$(pid_of "$1") || { rm -f "$RUN/$1.pid"; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < $2 * 10; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$pid" 2>/dev/null; then ha_log "$1 ($pid) ignored SIGTERM; SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
  rm -f "$RUN/$1.pid"
}

# as_postgres HOME: the prefix that runs a command as user postgres in a clean
# environment. PostgreSQL refuses root, and the caller's PG*/PYTHON*/pyenv
# variables must not reach Patroni or libpq.
as_postgres() {
  AS_POSTGRES=(setpriv --reuid=postgres --regid=postgres --init-groups
    env -i PATH=/usr/bin:/bin LANG=C.UTF-8 HOME="$1")
}

# --- files -----------------------------------------------------------------
# PostgreSQL runs as postgres, so every folder above HA_DIR must be searchable
# (x) by it. We change nothing outside the checkout: a folder inside it gets
# o+x (search only, no listing); a folder outside it that blocks postgres is
# an error that names it (set HA_DIR elsewhere, e.g. /tmp/dvc-ha).
check_path() {
  local d=$HA_DIR
  while [[ $d != / ]]; do
    d=$(dirname "$d")
    [[ -e $d ]] || continue
    if ! setpriv --reuid=postgres --regid=postgres --init-groups test -x "$d"; then
      if [[ $d == "$HA_ROOT" || $d == "$HA_ROOT"/* ]]; then
        ha_log "chmod o+x $d (so that user postgres can reach $HA_DIR)"
        chmod o+x "$d"
      else
        ha_die "user postgres cannot enter $d (above HA_DIR=$HA_DIR); chmod o+x it or choose another HA_DIR"
      fi
    fi
  done
}

write_if_changed() { # write_if_changed FILE < content; returns 0 when it changed
  local tmp; tmp=$(mktemp)
  cat >"$tmp"
  if [[ -f $1 ]] && cmp -s "$tmp" "$1"; then rm -f "$tmp"; return 1; fi
  mv -f "$tmp" "$1"; chmod 644 "$1"
}

patroni_yml() { # patroni_yml NODE
  local n=$1 port rest
  port=$(node_pg_port "$n"); rest=$(node_rest_port "$n")
  cat <<EOF
# Generated by deploy/ha/lib.sh (patroni_yml); edit that, not this file.
# TEST ONLY: trust auth on 127.0.0.1, no passwords, no TLS.
scope: $HA_SCOPE
namespace: /service/
name: $n
log: {level: INFO}
restapi:
  listen: 127.0.0.1:$rest
  connect_address: 127.0.0.1:$rest
# etcd 3.4 serves only the v3 API unless started with --enable-v2, so the
# etcd3 module (Patroni talks to etcd's gRPC gateway over HTTP/JSON).
etcd3:
  hosts: 127.0.0.1:$HA_ETCD_CLIENT_PORT
bootstrap:
  # Used once, when the cluster is first created; \`up\` re-applies the
  # timing keys to the DCS (PATCH /config) so the env settings always hold.
  dcs:
    ttl: $HA_TTL
    loop_wait: $HA_LOOP_WAIT
    retry_timeout: $HA_RETRY_TIMEOUT
    primary_start_timeout: $HA_PRIMARY_START_TIMEOUT
    synchronous_mode: true
    synchronous_mode_strict: $HA_SYNC_STRICT
    maximum_lag_on_failover: 1048576
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_level: replica
        hot_standby: 'on'
        wal_log_hints: 'on'          # pg_rewind needs it (or data checksums)
        max_wal_senders: 10
        max_replication_slots: 10
        wal_keep_size: 256MB
        max_connections: 200
  initdb:
    - encoding: UTF8
    - locale: C.UTF-8
    - data-checksums
postgresql:
  listen: 127.0.0.1:$port
  connect_address: 127.0.0.1:$port
  data_dir: $(node_data "$n")
  bin_dir: $PG_BIN
  pgpass: $HA_DIR/$n/pgpass
  # A failed pg_rewind, or a timeline that cannot be rewound, re-clones the
  # node from the leader instead of leaving it out of the cluster.
  remove_data_directory_on_rewind_failure: true
  remove_data_directory_on_diverged_timelines: true
  authentication:
    superuser: {username: postgres}
    replication: {username: replicator}
    rewind: {username: postgres}
  pg_hba:
    - local all all trust
    - host all all 127.0.0.1/32 trust
    - host replication replicator 127.0.0.1/32 trust
  parameters:
    unix_socket_directories: '$HA_DIR/$n'
    logging_collector: 'on'
    log_directory: '$LOGS'
    log_filename: 'pg-$n.log'
    log_line_prefix: '%m [%p] %q%u@%d '
EOF
}

# node_config NODE: (re)writes NODE's patroni.yml; true when more than its
# bootstrap section changed. A node's config changing under a running Patroni
# (other ports, other HA_DIR) needs a restart; the bootstrap section is read
# only when the cluster is created (the timing keys are PATCHed instead).
node_config() {
  local f=$HA_DIR/$1/patroni.yml new old=""
  new=$(patroni_yml "$1")
  [[ -f $f ]] && old=$(<"$f")
  [[ $new == "$old" ]] && return 1
  printf '%s\n' "$new" >"$f"
  [[ -n $old && $(without_bootstrap "$new") != "$(without_bootstrap "$old")" ]]
}
without_bootstrap() { sed '/^bootstrap:/,/^postgresql:/d' <<<"$1"; }

haproxy_cfg() {
  local n check="inter ${HA_CHECK_INTER} fall ${HA_CHECK_FALL} rise ${HA_CHECK_RISE}"
  cat <<EOF
# Generated by deploy/ha/lib.sh (haproxy_cfg); edit that, not this file.
global
  maxconn 2000
  log stdout format iso local0 notice   # server UP/DOWN, not every connection
  # The admin socket lets a test disable/enable servers (route-to-standby).
  stats socket $RUN/haproxy.sock mode 600 level admin
defaults
  mode tcp
  log global
  timeout connect 2s
  timeout client 30m
  timeout server 30m
  timeout check 1s
# Writes: only the node whose Patroni answers /primary with 200. HEAD runs
# Patroni's GET /primary handler but sends the status line only: with GET,
# HAProxy resets the connection mid-body and Patroni logs a traceback per check.
# on-marked-down shutdown-sessions: clients of a demoted or dead primary are
# cut at once instead of hanging on a node that can no longer write.
listen primary
  bind 127.0.0.1:$HA_PRIMARY_PORT
  option httpchk HEAD /primary
  http-check expect status 200
  default-server $check on-marked-down shutdown-sessions
EOF
  for n in "${NODES[@]}"; do echo "  server $n 127.0.0.1:$(node_pg_port "$n") check port $(node_rest_port "$n")"; done
  cat <<EOF
# Reads that may lag: only a running replica (/replica).
listen replica
  bind 127.0.0.1:$HA_REPLICA_PORT
  balance roundrobin
  option httpchk HEAD /replica
  http-check expect status 200
  default-server $check on-marked-down shutdown-sessions
EOF
  for n in "${NODES[@]}"; do echo "  server $n 127.0.0.1:$(node_pg_port "$n") check port $(node_rest_port "$n")"; done
  cat <<EOF
listen stats
  mode http
  bind 127.0.0.1:$HA_STATS_PORT
  stats enable
  stats uri /
  stats refresh 2s
EOF
}

# --- small clients ----------------------------------------------------------
psql_at() { # psql_at PORT SQL...: one value, 3 s connect timeout
  local port=$1; shift
  PGCONNECT_TIMEOUT=3 timeout 10 psql -X -q -At -h 127.0.0.1 -p "$port" -U "$HA_DB_USER" -d "${PSQL_DB:-$HA_DB}" "$@"
}
rest() { curl -fsS --max-time 2 "http://127.0.0.1:$1$2"; }       # rest PORT PATH
rest_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$1$2" || true; }
haproxy_cmd() { # haproxy_cmd "cmd; cmd": the admin socket (no socat needed)
  "$PY" - "$RUN/haproxy.sock" "$1" <<'EOF'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])
s.sendall(sys.argv[2].encode() + b"\n")
out = b""
while True:
    b = s.recv(65536)
    if not b: break
    out += b
sys.stdout.write(out.decode())
EOF
}
# "backend server status" lines, e.g. "primary node1 UP"
haproxy_states() {
  haproxy_cmd "show stat" | awk -F, '$1 ~ /^(primary|replica)$/ && $2 ~ /^node/ {print $1, $2, $18}'
}
patronictl_() { patronictl -c "$HA_DIR/node1/patroni.yml" "$@"; }

# ha_primary: name of the node whose REST /primary answers 200 (empty if none)
ha_primary() {
  local n
  for n in "${NODES[@]}"; do [[ $(rest_code "$(node_rest_port "$n")" /primary) == 200 ]] && { echo "$n"; return 0; }; done
  return 1
}
ha_other() { [[ $1 == node1 ]] && echo node2 || echo node1; }

# --- up / down --------------------------------------------------------------
start_etcd() {
  is_running etcd && return 0
  ha_log "starting etcd on 127.0.0.1:$HA_ETCD_CLIENT_PORT"
  # Runs as root; its data (the DCS) lives in $HA_DIR/etcd. A single member,
  # so "new" is right on every start: an existing data dir takes precedence.
  start_bg etcd etcd --name "$HA_SCOPE-etcd" --data-dir "$HA_DIR/etcd" \
    --listen-client-urls "http://127.0.0.1:$HA_ETCD_CLIENT_PORT" \
    --advertise-client-urls "http://127.0.0.1:$HA_ETCD_CLIENT_PORT" \
    --listen-peer-urls "http://127.0.0.1:$HA_ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$HA_ETCD_PEER_PORT" \
    --initial-cluster "$HA_SCOPE-etcd=http://127.0.0.1:$HA_ETCD_PEER_PORT" \
    --initial-cluster-state new --initial-cluster-token "$HA_SCOPE"
}

start_node() {
  local n=$1
  is_running "$n" && return 0
  ha_log "starting patroni $n (postgres 127.0.0.1:$(node_pg_port "$n"), REST :$(node_rest_port "$n"))"
  as_postgres "$HA_DIR/$n"
  start_bg "$n" "${AS_POSTGRES[@]}" patroni "$HA_DIR/$n/patroni.yml"
}

start_haproxy() {
  is_running haproxy && return 0
  ha_log "starting haproxy (primary :$HA_PRIMARY_PORT, replica :$HA_REPLICA_PORT, stats :$HA_STATS_PORT)"
  haproxy -c -q -f "$RUN/haproxy.cfg" || ha_die "haproxy.cfg invalid"
  rm -f "$RUN/haproxy.sock"
  start_bg haproxy haproxy -db -f "$RUN/haproxy.cfg"   # -db: foreground, so the pid is haproxy's
  # HAProxy (2.6 has no init-state) counts every server UP until its checks
  # fail, so for the first ~INTER*FALL ms the primary port would also lead to
  # the standby. Force all servers down at once; a passing check (rise) brings
  # the right one back within INTER ms.
  wait_for "haproxy's admin socket" 10 test -S "$RUN/haproxy.sock"
  local cmds="" b n
  for b in primary replica; do for n in "${NODES[@]}"; do cmds+="set server $b/$n health down; "; done; done
  haproxy_cmd "$cmds" >/dev/null
}

wait_for() { # wait_for WHAT SECONDS CMD...
  local what=$1 secs=$2 t0=$SECONDS; shift 2
  until "$@" >/dev/null 2>&1; do
    ((SECONDS - t0 < secs)) || ha_die "timed out after ${secs}s waiting for $what (logs: $LOGS)"
    sleep 0.3
  done
}

# The timing keys, as JSON for PATCH /config.
dcs_wanted() {
  printf '{"ttl":%s,"loop_wait":%s,"retry_timeout":%s,"primary_start_timeout":%s,"synchronous_mode":true,"synchronous_mode_strict":%s}' \
    "$HA_TTL" "$HA_LOOP_WAIT" "$HA_RETRY_TIMEOUT" "$HA_PRIMARY_START_TIMEOUT" "$HA_SYNC_STRICT"
}
dcs_matches() { # dcs_matches REST_PORT: is the DCS config already what the env asks for?
  rest "$1" /config | "$PY" -c '
import json, sys
have, want = json.load(sys.stdin), json.loads(sys.argv[1])
sys.exit(0 if all(have.get(k) == v for k, v in want.items()) else 1)' "$(dcs_wanted)"
}
apply_dcs() { # through the primary's Patroni: the other one may be starting
  local port; port=$(node_rest_port "$(ha_primary)")
  dcs_matches "$port" && return 0
  ha_log "setting DCS config $(dcs_wanted)"
  curl -fsS --max-time 5 -X PATCH -H 'Content-Type: application/json' \
    -d "$(dcs_wanted)" "http://127.0.0.1:$port/config" >/dev/null
}

# Both members running, one of them leader and the other its sync standby,
# and HAProxy routing the primary port to the leader and the replica port to
# the standby.
healthy() {
  local p s
  p=$(ha_primary) || return 1
  rest "$(node_rest_port "$p")" /cluster | "$PY" -c '
import json, sys
m = {x["name"]: x for x in json.load(sys.stdin)["members"]}
ok = len(m) == 2 and all(x["state"] == "running" for x in m.values()) \
     and sorted(x["role"] for x in m.values()) == ["leader", "sync_standby"]
sys.exit(0 if ok else 1)' || return 1
  [[ $(rest_code "$(node_rest_port "$(ha_other "$p")")" /replica) == 200 ]] || return 1
  s=$(haproxy_states)
  grep -qx "primary $p UP" <<<"$s" && grep -qx "replica $(ha_other "$p") UP" <<<"$s" \
    && ! grep -qx "primary $(ha_other "$p") UP" <<<"$s"
}
ha_wait_healthy() { wait_for "a healthy cluster" "${1:-$HA_UP_TIMEOUT}" healthy; }

can_write() { [[ -n $(PSQL_DB=postgres psql_at "$HA_PRIMARY_PORT" -c 'SELECT txid_current()') ]]; }
can_read()  { [[ $(PSQL_DB=postgres psql_at "$HA_REPLICA_PORT" -c 'SELECT pg_is_in_recovery()') == t ]]; }

ha_up() {
  local n b fresh=0
  [[ $(id -u) -eq 0 ]] || ha_die "run as root (it drops to user postgres for PostgreSQL)"
  for b in etcd patroni haproxy "$PG_BIN/postgres" psql curl; do command -v "$b" >/dev/null || ha_die "$b missing: run deploy/ha/install.sh"; done
  check_path                                           # before creating anything
  install -d -m 755 "$HA_DIR" "$RUN"
  install -d -m 755 -o postgres -g postgres "$LOGS"     # postgres writes its logs here
  install -d -m 700 "$HA_DIR/etcd"
  for n in "${NODES[@]}"; do
    install -d -m 700 -o postgres -g postgres "$HA_DIR/$n"
    if node_config "$n" && is_running "$n"; then
      ha_log "$n: config changed, restarting it"; stop_pid "$n" 30
    fi
  done
  if haproxy_cfg | write_if_changed "$RUN/haproxy.cfg" && is_running haproxy; then
    ha_log "haproxy: config changed, restarting it"; stop_pid haproxy 5
  fi
  is_running etcd && is_running node1 && is_running node2 && is_running haproxy || fresh=1

  start_etcd
  wait_for etcd 20 curl -fsS --max-time 1 "http://127.0.0.1:$HA_ETCD_CLIENT_PORT/health"
  for n in "${NODES[@]}"; do start_node "$n"; done
  start_haproxy
  wait_for "a primary (REST /primary)" "$HA_UP_TIMEOUT" ha_primary
  apply_dcs
  ha_wait_healthy
  wait_for "a write through :$HA_PRIMARY_PORT" 30 can_write
  if [[ $(PSQL_DB=postgres psql_at "$HA_PRIMARY_PORT" -c "SELECT 1 FROM pg_database WHERE datname = '$HA_DB'") != 1 ]]; then
    ha_log "creating database $HA_DB"
    PSQL_DB=postgres psql_at "$HA_PRIMARY_PORT" -c "CREATE DATABASE \"$HA_DB\""
  fi
  wait_for "a read through :$HA_REPLICA_PORT" 30 can_read
  ((fresh)) && ha_log "up: primary $(ha_primary), ports primary $HA_PRIMARY_PORT / replica $HA_REPLICA_PORT" \
            || ha_log "up: already running (primary $(ha_primary))"
}

ha_down() {
  local n pid d
  stop_pid haproxy 5
  # Patroni stops its PostgreSQL on SIGTERM (a fast shutdown). The standby
  # first: stopped together, the sync standby waits for a release that the
  # stopping primary never sends; the primary first, the standby takes over.
  local p; p=$(ha_primary) || p=""
  for n in "${NODES[@]}"; do [[ $n == "$p" ]] || stop_pid "$n" 40; done
  [[ -z $p ]] || stop_pid "$p" 40
  # A postmaster left behind (Patroni killed -9 earlier): immediate shutdown.
  for n in "${NODES[@]}"; do
    d=$(node_data "$n")
    if [[ -s $d/postmaster.pid ]]; then
      pid=$(head -1 "$d/postmaster.pid")
      if is_ours "$pid"; then
        ha_log "$n: stopping a postmaster left without Patroni ($pid)"
        kill -QUIT "$pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      fi
    fi
  done
  stop_pid etcd 10
  ha_single_down
  # Anything else still running from HA_DIR is ours and must not outlive down.
  for pid in $(our_pids); do
    ha_log "left over, killing: $(cmdline "$pid")"
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [[ ${1:-} == --purge ]]; then
    ha_log "purging $HA_DIR"
    rm -rf "$HA_DIR"
  fi
  ha_log "down"
}

# A lone PostgreSQL 15 (no Patroni, no standby) with the nodes' data checksums and
# wal_log_hints: the single server a test compares the pair's throughput with.
# Prints its URL. Stopped by single-down and by down.
ha_single_up() {
  local d=$HA_DIR/single/data
  [[ $(id -u) -eq 0 ]] || ha_die "run as root (it drops to user postgres for PostgreSQL)"
  check_path
  install -d -m 755 "$HA_DIR"
  install -d -m 755 -o postgres -g postgres "$LOGS"
  install -d -m 700 -o postgres -g postgres "$HA_DIR/single"
  as_postgres "$HA_DIR/single"
  [[ -s $d/PG_VERSION ]] || "${AS_POSTGRES[@]}" "$PG_BIN/initdb" -D "$d" -U postgres --auth=trust --data-checksums >/dev/null
  if ! "${AS_POSTGRES[@]}" "$PG_BIN/pg_ctl" -D "$d" status >/dev/null 2>&1; then
    ha_log "starting a single PostgreSQL on 127.0.0.1:$HA_SINGLE_PORT"
    "${AS_POSTGRES[@]}" "$PG_BIN/pg_ctl" -D "$d" -w -l "$LOGS/pg-single.log" \
      -o "-p $HA_SINGLE_PORT -c listen_addresses=127.0.0.1 -k $HA_DIR/single -c wal_log_hints=on" start >/dev/null
  fi
  echo "postgres://$HA_DB_USER@127.0.0.1:$HA_SINGLE_PORT/postgres"
}
ha_single_down() {
  local d=$HA_DIR/single/data
  [[ -s $d/postmaster.pid ]] || return 0
  ha_log "stopping the single PostgreSQL"
  as_postgres "$HA_DIR/single"
  "${AS_POSTGRES[@]}" "$PG_BIN/pg_ctl" -D "$d" -m fast -w stop >/dev/null || true
}

ha_status() {
  local n
  for n in etcd "${NODES[@]}" haproxy; do
    if pid=$(pid_of "$n"); then echo "$n: running (pid $pid)"; else echo "$n: stopped"; fi
  done
  is_running etcd && { patronictl_ list 2>&1 || true; }
  is_running haproxy && { echo "HAProxy (backend server state):"; haproxy_states; }
  return 0
}

ha_env() {
  echo "DATABASE_URL=postgres://$HA_DB_USER@127.0.0.1:$HA_PRIMARY_PORT/$HA_DB"
  echo "DATABASE_READ_URL=postgres://$HA_DB_USER@127.0.0.1:$HA_REPLICA_PORT/$HA_DB"
}

# --- faults, for tests ------------------------------------------------------
# kill -9 of the primary's postmaster (Patroni stays; it must fail over).
ha_kill_primary() {
  local p pid
  p=$(ha_primary) || ha_die "no primary to kill"
  pid=$(head -1 "$(node_data "$p")/postmaster.pid")
  ha_log "kill -9 postmaster of $p (pid $pid)"
  kill -KILL "$pid"
  echo "$p"
}

# The primary's whole host dies: kill -9 of its Patroni and its postmaster
# (Patroni alone would leave a primary nobody demotes: no watchdog here).
# Only the leader key's expiry (ttl) lets the standby take over. `up`
# restarts the node, which then rejoins as a replica.
ha_kill_node() {
  local p pid
  p=$(ha_primary) || ha_die "no primary to kill"
  if pid=$(pid_of "$p"); then kill -KILL "$pid"; fi
  pid=$(head -1 "$(node_data "$p")/postmaster.pid")
  ha_log "kill -9 patroni and postmaster of $p"
  kill -KILL "$pid"
  echo "$p"
}

# A planned switchover to the sync standby.
ha_switchover() {
  local p c
  p=$(ha_primary) || ha_die "no primary"
  c=$(ha_other "$p")
  ha_log "switchover $p -> $c"
  patronictl_ switchover --leader "$p" --candidate "$c" --force >&2
  echo "$c"
}

# Point HAProxy's primary port at the standby for SECONDS, then restore: what
# slow health checks or a wrong DATABASE_URL do. The primary goes to
# maintenance and its open sessions are cut, so clients reconnect, to the
# standby. The standby's own check (HEAD /primary -> 503) would keep it DOWN:
# its check is switched off and its health forced up. On restore its health
# is forced down in the same CLI line that takes it out of maintenance: a
# server leaving maintenance counts as UP until its next check.
ha_route_to_standby() {
  local secs=${1:?seconds} p s
  p=$(ha_primary) || ha_die "no primary"
  s=$(ha_other "$p")
  ha_log "primary port -> standby $s for ${secs}s"
  haproxy_cmd "disable server primary/$p; shutdown sessions server primary/$p; disable health primary/$s; set server primary/$s health up; enable server primary/$s" >/dev/null
  sleep "$secs"
  ha_log "primary port -> $p again"
  haproxy_cmd "disable server primary/$s; shutdown sessions server primary/$s; enable health primary/$s; enable server primary/$s; set server primary/$s health down; enable server primary/$p" >/dev/null
}
