-- The service's two database roles. Run once by the PostgreSQL superuser, connected to the service's
-- database, with the psql variables db, owner, owner_password, app and app_password
-- (docker/postgres/10-roles.sh passes them when the container's database is first created).
--
-- owner: owns the database, its schema and (through the migrations it runs) every table, trigger
--        and function; used only by the one-shot migrate step, never by the running service.
-- app:   what the service connects as. It reads and writes rows and owns nothing, so it cannot
--        ALTER, DROP or TRUNCATE a table, nor disable or drop the triggers that keep the histories
--        append-only, nor create objects; not a superuser, so it cannot set session_replication_role
--        (which would skip the triggers) either.
CREATE ROLE :"owner" LOGIN PASSWORD :'owner_password';
CREATE ROLE :"app" LOGIN PASSWORD :'app_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;

ALTER DATABASE :"db" OWNER TO :"owner";
ALTER SCHEMA public OWNER TO :"owner";
-- Before PostgreSQL 15 every role could create objects in public.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
GRANT CONNECT ON DATABASE :"db" TO :"app";
GRANT USAGE ON SCHEMA public TO :"app";

-- Rights on what the migrations will create: rows only.
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO :"app";
ALTER DEFAULT PRIVILEGES FOR ROLE :"owner" IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO :"app";
