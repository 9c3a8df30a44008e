#!/bin/sh
# Runs once, when the postgres container creates its database (docker-entrypoint-initdb.d).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v db="$POSTGRES_DB" \
  -v owner="$DVC_OWNER_USER" -v owner_password="$DVC_OWNER_PASSWORD" \
  -v app="$DVC_APP_USER" -v app_password="$DVC_APP_PASSWORD" \
  -f /dvc/roles.sql
