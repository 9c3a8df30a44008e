#!/usr/bin/env bash
# Measures by hand how long writes stop, through HAProxy's primary port, for
# each fault and two sets of Patroni timings (ours and Patroni's defaults).
# Needs the `pg` package: NODE_PATH=<checkout with node_modules>/node_modules.
#   deploy/ha/measure.sh [REPS] [PRESETS] [FAULTS]
#   e.g. deploy/ha/measure.sh 3 "fast defaults" "kill-primary kill-node switchover route-to-standby"
# Leaves the cluster up (with the last preset's timings); `cluster.sh down` after.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
reps=${1:-3}
presets=${2:-fast defaults}
faults=${3:-kill-primary kill-node switchover route-to-standby}
log=${MEASURE_LOG:-/tmp/dvc-ha-measure.log}   # cluster.sh's own lines go here
: >"$log"
echo "measure.sh: cluster.sh output in $log" >&2
export NODE_PATH=${NODE_PATH:-$here/../../node_modules}
node -e "require('pg')" 2>/dev/null || { echo "measure.sh: no 'pg' under NODE_PATH=$NODE_PATH" >&2; exit 1; }

preset() { # ttl loop_wait retry_timeout primary_start_timeout
  case $1 in
    fast) export HA_TTL=10 HA_LOOP_WAIT=2 HA_RETRY_TIMEOUT=3 HA_PRIMARY_START_TIMEOUT=0 ;;
    defaults) export HA_TTL=30 HA_LOOP_WAIT=10 HA_RETRY_TIMEOUT=10 HA_PRIMARY_START_TIMEOUT=300 ;;
    *) echo "unknown preset $1" >&2; exit 2 ;;
  esac
}

echo "# $(date -Is) $(uname -n), $(nproc) cores; fault at t=5 s of a write loop (INSERT every ~20 ms)"
printf '%-9s %-17s %3s %8s %6s %5s %s\n' preset fault rep gap_s acked lost "replica lag p50/max ms"
for p in $presets; do
  preset "$p"
  for f in $faults; do
    for ((r = 1; r <= reps; r++)); do
      "$here/cluster.sh" up 2>>"$log"             # restarts a killed node, applies the timings
      "$here/cluster.sh" wait-healthy 2>>"$log"
      sleep $((HA_LOOP_WAIT + 1))                 # every member has run a loop with the new timings
      out=$(mktemp)
      node "$here/write-loop.js" $((HA_TTL + HA_LOOP_WAIT + 20)) >"$out" 2>&1 &
      loop=$!
      sleep 5
      case $f in
        route-to-standby) "$here/cluster.sh" route-to-standby 5 2>>"$log" ;;
        *) "$here/cluster.sh" "$f" >/dev/null 2>>"$log" ;;
      esac
      wait "$loop" || true
      res=$(grep '^RESULT' "$out" || echo "RESULT failed: $(tail -3 "$out" | tr '\n' ' ')")
      gap=$(sed -n 's/.* gaps=\([^ ]*\).*/\1/p' <<<"$res")
      [[ $res == *open=1* ]] && gap="$gap+open"
      printf '%-9s %-17s %3s %8s %6s %5s %s\n' "$p" "$f" "$r" "$gap" \
        "$(sed -n 's/.*acked=\([0-9]*\).*/\1/p' <<<"$res")" "$(sed -n 's/.*lost=\([0-9]*\).*/\1/p' <<<"$res")" \
        "$(sed -n 's/.*lag_p50=\([^ ]*\) lag_max=\([^ ]*\).*/\1\/\2/p' <<<"$res")"
      rm -f "$out"
    done
  done
done
