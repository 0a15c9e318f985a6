/**
 * The {@code jdbc:surrogate:} JDBC driver: {@link io.surrogate.driver.SurrogateDriver}, its connection
 * properties ({@link io.surrogate.driver.SurrogateProperty}) and the extension interface
 * {@link io.surrogate.driver.SurrogateConnection}. Everything else lives in
 * {@code io.surrogate.driver.internal} and is not API.
 */
package io.surrogate.driver;
