#!/usr/bin/env bash
# The test HA cluster on one machine (see README.md in this folder).
#   cluster.sh up | down [--purge] | status | env
#   cluster.sh kill-primary | kill-node | switchover | route-to-standby SECONDS
#   cluster.sh wait-healthy [SECONDS] | primary
#   cluster.sh single-up | single-down (a lone PostgreSQL, to compare with)
# Settings come from the environment; defaults and meaning are in lib.sh.
set -euo pipefail
# shellcheck source=deploy/ha/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case ${1:-} in
  up) ha_up ;;
  down) ha_down "${2:-}" ;;
  status) ha_status ;;
  env) ha_env ;;
  kill-primary) ha_kill_primary ;;
  kill-node) ha_kill_node ;;
  switchover) ha_switchover ;;
  route-to-standby) ha_route_to_standby "${2:?usage: cluster.sh route-to-standby SECONDS}" ;;
  wait-healthy) ha_wait_healthy "${2:-}" && ha_log "healthy: primary $(ha_primary)" ;;
  primary) ha_primary ;;
  single-up) ha_single_up ;;
  single-down) ha_single_down ;;
  *) sed -n '2,7p' "$0" >&2; exit 2 ;;
esac
