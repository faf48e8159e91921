#!/usr/bin/env bash
# Make sure a PostgreSQL server answers on 127.0.0.1:5432 (trust auth, user postgres):
# start the local cluster if it is stopped, or install it from Debian's packages.
set -euo pipefail
answers() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
answers && exit 0
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "== Installing PostgreSQL from Debian's packages"
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq postgresql >/dev/null
fi
version=$(ls /etc/postgresql | sort -V | tail -n 1)
hba=/etc/postgresql/$version/main/pg_hba.conf
if ! $SUDO grep -q "^host all all 127.0.0.1/32 trust" "$hba"; then
  $SUDO sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
fi
$SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || \
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main reload
for _ in $(seq 1 30); do answers && exit 0; sleep 1; done
echo "PostgreSQL did not answer on 127.0.0.1:5432" >&2
exit 1
