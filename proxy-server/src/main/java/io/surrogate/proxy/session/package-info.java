/**
 * One client session: authentication, settings, transaction status, and the simple and extended query
 * protocols run on a JDBC connection to the engine. Internal to the proxy; applications use
 * {@link io.surrogate.proxy.ProxyServer}.
 */
package io.surrogate.proxy.session;
