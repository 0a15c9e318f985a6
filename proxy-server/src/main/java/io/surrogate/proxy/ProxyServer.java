package io.surrogate.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import io.surrogate.proxy.auth.AuthThrottle;
import io.surrogate.proxy.codec.BackendEncoder;
import io.surrogate.proxy.codec.FrontendDecoder;
import io.surrogate.proxy.relay.ServedTwin;
import io.surrogate.proxy.session.Session;
import io.surrogate.proxy.session.SessionRegistry;
import io.surrogate.proxy.session.SessionServices;
import io.surrogate.proxy.source.PassThrough;
import io.surrogate.proxy.source.SourceEndpoint;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL wire-protocol server: {@link #start()} binds and returns the port, {@link #close()} stops
 * accepting, lets running statements finish (up to a grace period) and releases everything.
 */
public final class ProxyServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProxyServer.class);
  /** How long {@link #close()} waits for running statements. */
  static final Duration GRACE = Duration.ofSeconds(30);

  private final ProxyConfig config;
  private final EngineConnections engine;
  private final SecureRandom random = new SecureRandom();
  private final SessionRegistry registry;
  /** Whether the engine is the Surrogate driver over {@code config.sourceUrl()}, built here from the config. */
  private final boolean ownEngine;
  private PassThrough passThrough;
  private EventLoopGroup bossGroup;
  private EventLoopGroup workerGroup;
  private ExecutorService blockingPool;
  private ScheduledExecutorService timer;
  private Channel serverChannel;
  private ServedTwin twin;
  private int port = -1;

  /** A server whose engine is the Surrogate driver on {@link ProxyConfig#sourceUrl()}. */
  public ProxyServer(ProxyConfig config) {
    this(config, EngineConnections.surrogate(config.sourceUrl().orElseThrow(() -> new IllegalArgumentException(
        "sourceUrl: missing (expected: the JDBC URL of the source database)")), config.driverProperties()), true);
  }

  /** A server over any engine, e.g. a plain Calcite or H2 connection in tests. */
  public ProxyServer(ProxyConfig config, EngineConnections engine) {
    this(config, engine, false);
  }

  private ProxyServer(ProxyConfig config, EngineConnections engine, boolean ownEngine) {
    this.config = config;
    this.engine = engine;
    this.ownEngine = ownEngine;
    this.registry = new SessionRegistry(config.maxConnections(), random);
  }

  /** Binds and starts serving; returns the bound port (useful with port 0). */
  public synchronized int start() throws InterruptedException {
    if (serverChannel != null) {
      throw new IllegalStateException("already started on port " + port);
    }
    SslContext ssl = sslContext();
    if ((config.twinHome().isPresent() || config.twinServer().isPresent()) && twin == null) {
      try {
        twin = ServedTwin.start(config);
      } catch (java.sql.SQLException e) {
        throw new TwinStartException(e);
      }
    }
    boolean epoll = config.nativeTransport() && Epoll.isAvailable();
    bossGroup = new MultiThreadIoEventLoopGroup(1, daemonThreads("surrogate-accept"),
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    workerGroup = new MultiThreadIoEventLoopGroup(config.ioThreads(), daemonThreads("surrogate-io"),
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    blockingPool = Executors.newCachedThreadPool(daemonThreads("surrogate-session"));
    timer = Executors.newSingleThreadScheduledExecutor(daemonThreads("surrogate-timeout"));
    passThrough = twin != null ? null : passThrough(epoll ? EpollSocketChannel.class : NioSocketChannel.class);
    SessionServices services = new SessionServices(config, engine, registry, timer, blockingPool, random,
        passThrough, new AuthThrottle(config.authDelay()), twin);
    BackendEncoder encoder = new BackendEncoder();
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(bossGroup, workerGroup)
        .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 256)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.MESSAGE_SIZE_ESTIMATOR, BackendEncoder.SIZE_ESTIMATOR)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ChannelPipeline p = ch.pipeline();
            p.addLast("decoder", new FrontendDecoder(config.maxMessageSize()));
            p.addLast("encoder", encoder);
            long idle = config.idleTimeout().toMillis();
            if (idle > 0) {
              p.addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
            }
            p.addLast("session", new Session(services, ssl));
          }
        });
    serverChannel = bootstrap.bind(config.bindAddress(), config.port()).sync().channel();
    port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    LOG.info("Surrogate proxy listening on {}:{} ({}, {} I/O threads)", config.bindAddress(), port,
        epoll ? "epoll" : "nio", config.ioThreads());
    return port;
  }

  /**
   * The protocol path to the source when the engine is the Surrogate driver over a PostgreSQL source it can log in
   * to the same way; otherwise null, and pushed-down statements use the engine's JDBC pool.
   */
  private PassThrough passThrough(Class<? extends SocketChannel> channelType) {
    if (!ownEngine || config.sourceConnections() == 0 || config.sourceUrl().isEmpty()) {
      return null;
    }
    Properties props = new Properties();
    props.putAll(config.driverProperties());
    try {
      SourceEndpoint endpoint = SourceEndpoint.of(config.sourceUrl().get(), props);
      LOG.info("pushed-down statements run over PostgreSQL's protocol on {} (up to {} connections per I/O thread)",
          endpoint, config.sourceConnections());
      return new PassThrough(endpoint, config.sourceConnections(), channelType);
    } catch (IllegalArgumentException e) {
      LOG.info("pushed-down statements run through the JDBC pool: {}", e.getMessage());
      return null;
    }
  }

  private SslContext sslContext() {
    if (config.tlsCertificate().isEmpty()) {
      return null;
    }
    try {
      return SslContextBuilder.forServer(config.tlsCertificate().get().toFile(),
          config.tlsPrivateKey().orElseThrow().toFile()).build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("tls: cannot load " + config.tlsCertificate().get() + " / "
          + config.tlsPrivateKey().orElseThrow() + " (expected: PEM certificate chain and PKCS#8 key): "
          + e.getMessage(), e);
    }
  }

  private static ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** The twin sessions are relayed to, once started; empty when they run on the engine. */
  public java.util.Optional<ServedTwin> twin() {
    return java.util.Optional.ofNullable(twin);
  }

  /** The twin could not be started or built; the message says why, with the SQLSTATE of the cause. */
  public static final class TwinStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TwinStartException(java.sql.SQLException cause) {
      super("the synthetic twin did not start: " + cause.getMessage(), cause);
    }

    /** The SQLSTATE of what failed. */
    public String sqlState() {
      return ((java.sql.SQLException) getCause()).getSQLState();
    }
  }

  /** The bound port, or -1 before {@link #start()}. */
  public int port() {
    return port;
  }

  /** Number of sessions currently admitted. */
  public int activeSessions() {
    return registry.activeSessions();
  }

  /** Number of sessions in a query cycle now (pg_stat_activity's {@code state = 'active'}). */
  public long queriesInProgress() {
    return registry.sessions().stream().filter(Session::inQuery).count();
  }

  /** Executions that passed through to a PostgreSQL source over its protocol since the start (0 without one). */
  public long passThroughExecutions() {
    PassThrough p = passThrough;
    return p == null ? 0 : p.executions();
  }

  /** Stops accepting, waits up to 30 s for running statements to finish, then closes every session. */
  @Override
  public synchronized void close() throws InterruptedException {
    if (serverChannel == null) {
      return;
    }
    shutdown();
  }

  private void shutdown() throws InterruptedException {
    serverChannel.close().sync();
    long deadline = System.nanoTime() + GRACE.toNanos();
    for (Session s : registry.sessions()) {
      s.closeGracefully(deadline);
    }
    if (passThrough != null) {
      passThrough.close();
    }
    workerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
    bossGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).sync();
    long releaseDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (Session s : registry.sessions()) {
      // Closed channels queue the release of their engine connections; let those run.
      s.awaitIdle(releaseDeadline);
    }
    blockingPool.shutdown();
    blockingPool.awaitTermination(5, TimeUnit.SECONDS);
    if (twin != null) {
      try {
        twin.close();
      } catch (java.sql.SQLException e) {
        LOG.warn("stopping the twin failed: {}", e.getMessage());
      }
    }
    timer.shutdownNow();
    serverChannel = null;
    LOG.info("Surrogate proxy on port {} stopped ({} executions passed through to the source)", port,
        passThroughExecutions());
  }
}
