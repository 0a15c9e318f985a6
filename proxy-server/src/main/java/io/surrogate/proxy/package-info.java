/**
 * The Surrogate PostgreSQL wire-protocol proxy: {@link io.surrogate.proxy.ProxyConfig} describes a server,
 * {@link io.surrogate.proxy.ProxyServer} runs it, and {@link io.surrogate.proxy.EngineConnections} is the only
 * way it reaches data (one engine connection per client session; client SQL never goes to the source).
 */
package io.surrogate.proxy;
