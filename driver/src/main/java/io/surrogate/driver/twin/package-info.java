/**
 * The synthetic twin: a real PostgreSQL database with the source's exact schema, synthetic rows in sensitive
 * tables and copied rows in public ones, to which the proxy relays the wire protocol.
 *
 * <p>Public: {@link io.surrogate.driver.twin.TwinBuilder} (copies the schema and materializes the content into a
 * twin database), {@link io.surrogate.driver.twin.EmbeddedTwin} (a cluster Surrogate runs itself from the
 * binaries in {@code io.surrogate:surrogate-twin-binaries}), its {@link io.surrogate.driver.twin.TwinConfig}, the
 * {@link io.surrogate.driver.twin.TwinLogin} of a role, and {@link io.surrogate.driver.twin.TwinRoles} (the
 * client role's grants). Everything else is internal.
 *
 * <p>Clients log in as {@code surrogate_client}, never as the superuser {@code surrogate_admin}. Foreign tables
 * (postgres_fdw links to real tables) get a user mapping for the admin only and reach clients through views the
 * admin owns: a mapping for the client or PUBLIC would let the client read the source's password from
 * {@code pg_user_mappings}.
 */
package io.surrogate.driver.twin;
