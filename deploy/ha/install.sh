#!/usr/bin/env bash
# Installs the Debian packages of the test HA cluster (deploy/ha/cluster.sh)
# when they are missing. Safe to run again; safe in CI (no stdin, no prompts).
#
# The packages' maintainer scripts would normally start their own etcd
# (127.0.0.1:2379) and haproxy with the packaged configs. cluster.sh runs its
# own processes on its own ports, so we forbid those starts with a temporary
# policy-rc.d (exit 101 = "action forbidden", honoured by invoke-rc.d), and
# afterwards stop anything the packages started anyway.
set -euo pipefail

# patroni pulls python3-psycopg2 and python3-etcd (its etcd and etcd3 DCS
# modules both import python-etcd); etcd-client carries etcdctl; curl talks
# to Patroni's REST API; psql (postgresql-client-15) does `up`'s checks.
PACKAGES=(patroni python3-etcd etcd-server etcd-client haproxy postgresql-15 postgresql-client-15 curl)

if [[ $(id -u) -ne 0 ]]; then
  echo "install.sh: must run as root (apt-get)" >&2
  exit 1
fi

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed; then
    missing+=("$p")
  fi
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "install.sh: all present (${PACKAGES[*]})"
  exit 0
fi
echo "install.sh: installing ${missing[*]}"

# Forbid service starts for the length of the install; put back whatever
# policy-rc.d was there before (Docker-style images often have one already).
POLICY=/usr/sbin/policy-rc.d
backup=""
if [[ -e $POLICY ]]; then
  backup=$(mktemp /usr/sbin/policy-rc.d.ha-backup.XXXXXX)
  cp -p "$POLICY" "$backup"
fi
restore_policy() {
  if [[ -n $backup ]]; then mv -f "$backup" "$POLICY"; else rm -f "$POLICY"; fi
}
trap restore_policy EXIT
printf '#!/bin/sh\nexit 101\n' >"$POLICY"
chmod 755 "$POLICY"

export DEBIAN_FRONTEND=noninteractive
# Another apt-get (a parallel CI step) may hold the dpkg lock: wait for it.
LOCK=(-o DPkg::Lock::Timeout=600)
apt_install() {
  apt-get "${LOCK[@]}" install -y --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "${missing[@]}" </dev/null
}
# Stale package lists make the install fail with 404s: refresh once and retry.
if ! apt_install; then
  apt-get "${LOCK[@]}" update </dev/null
  apt_install
fi

# Belt and braces: if a packaged service started regardless (e.g. a machine
# with systemd, where deb-systemd-invoke decides), stop it and keep it off,
# so that nothing listens on etcd's default 2379/2380.
# (Their init scripts stop by pid file, so this never touches cluster.sh's own
# etcd or haproxy.)
for svc in etcd haproxy patroni; do
  if command -v systemctl >/dev/null && [[ -d /run/systemd/system ]]; then
    systemctl disable --now "$svc" >/dev/null 2>&1 || true
  elif [[ -x /etc/init.d/$svc && -s /run/$svc.pid ]]; then
    /etc/init.d/"$svc" stop >/dev/null 2>&1 || true
  fi
done

for bin in patroni patronictl etcd etcdctl haproxy /usr/lib/postgresql/15/bin/postgres; do
  command -v "$bin" >/dev/null || { echo "install.sh: $bin missing after install" >&2; exit 1; }
done
echo "install.sh: done"
