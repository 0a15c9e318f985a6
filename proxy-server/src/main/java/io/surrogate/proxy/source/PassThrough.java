package io.surrogate.proxy.source;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs pushed-down statements on a PostgreSQL source over its wire protocol: each event loop keeps its own
 * source connections, so a client's call, its source connection and the rows between them stay on one thread.
 * A source that cannot be reached or logged in to makes the path unavailable for a while, and the sessions use
 * the engine's JDBC path meanwhile.
 */
public final class PassThrough implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PassThrough.class);
  private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);
  private static final int MAX_FRAME = Integer.MAX_VALUE;

  private final SourceEndpoint endpoint;
  private final int connectionsPerLoop;
  private final Class<? extends SocketChannel> channelType;
  private final SecureRandom random = new SecureRandom();
  private final Map<EventLoop, SourcePool> pools = new ConcurrentHashMap<>();
  private final Set<SourceStatement> rejected = ConcurrentHashMap.newKeySet();
  private final LongAdder executions = new LongAdder();
  private volatile long unavailableUntil;
  private volatile boolean closed;

  /**
   * A pass-through to {@code endpoint}.
   *
   * @param connectionsPerLoop the most source connections each event loop opens
   * @param channelType the socket channel class of the event loops' transport
   */
  public PassThrough(SourceEndpoint endpoint, int connectionsPerLoop, Class<? extends SocketChannel> channelType) {
    if (connectionsPerLoop < 1) {
      throw new IllegalArgumentException("connectionsPerLoop: " + connectionsPerLoop + " (expected: >= 1)");
    }
    this.endpoint = endpoint;
    this.connectionsPerLoop = connectionsPerLoop;
    this.channelType = channelType;
  }

  /** Whether calls may be submitted now: not closed, and the source was not found unreachable lately. */
  public boolean available() {
    return !closed && System.nanoTime() - unavailableUntil >= 0;
  }

  /** Number of executions that passed through completely since the start. */
  public long executions() {
    return executions.sum();
  }

  /** Runs {@code call} on a source connection of its client's event loop; its outcome comes on that loop. */
  public void submit(SourceCall call) {
    call.attach(this);
    if (rejected.contains(call.statement)) {
      call.client.eventLoop().execute(() -> call.complete(new SourceOutcome.Fallback(true, "rejected before")));
      return;
    }
    EventLoop loop = call.client.eventLoop();
    if (loop.inEventLoop()) {
      pool(loop).submit(call);
    } else {
      loop.execute(() -> pool(loop).submit(call));
    }
  }

  private SourcePool pool(EventLoop loop) {
    return pools.computeIfAbsent(loop, l -> new SourcePool(this, l, connectionsPerLoop));
  }

  void recordExecution() {
    executions.increment();
  }

  void reject(SourceStatement statement) {
    if (rejected.add(statement)) {
      LOG.debug("statement runs on the engine path, its source columns differ: {}", statement.sql());
    }
  }

  void unavailable(String reason) {
    boolean first = available();
    unavailableUntil = System.nanoTime() + RETRY_NANOS;
    if (first) {
      LOG.warn("cannot pass statements through to {}: {}; using the JDBC path for the next 30 s", endpoint,
          reason);
    }
  }

  /** Opens a connection for {@code pool} on {@code loop}. */
  void connect(EventLoop loop, SourcePool pool) {
    SourceConnection handler = new SourceConnection(this, pool, endpoint, random);
    bootstrap(loop).handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        // Calls from several clients handled in one turn of the loop leave in one write.
        ch.pipeline().addLast("flushes", new FlushConsolidationHandler(64, true));
        ch.pipeline().addLast("frames", new LengthFieldBasedFrameDecoder(MAX_FRAME, 1, 4, -4, 0));
        ch.pipeline().addLast("source", handler);
      }
    }).connect(endpoint.host(), endpoint.port()).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        pool.connectFailed("cannot connect: " + f.cause().getMessage());
      }
    });
  }

  /**
   * Sends PostgreSQL's CancelRequest for backend {@code pid} on a connection of its own; {@code done} runs on
   * {@code loop} once the source has closed that connection (it has signalled the backend by then) or the request
   * could not be sent.
   */
  void sendCancel(EventLoop loop, int pid, int key, Runnable done) {
    LOG.debug("cancel request for source backend {}", pid);
    bootstrap(loop).handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        // The source answers a cancel request by closing the connection.
      }
    }).connect(endpoint.host(), endpoint.port()).addListener((ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        Channel ch = f.channel();
        ByteBuf out = ch.alloc().buffer(16);
        out.writeInt(16).writeInt(80877102).writeInt(pid).writeInt(key);
        ch.writeAndFlush(out);
        ch.eventLoop().schedule(() -> ch.close(), 10, TimeUnit.SECONDS);
        ch.closeFuture().addListener(c -> done.run());
      } else {
        LOG.debug("cannot send a cancel request to {}: {}", endpoint, f.cause().toString());
        done.run();
      }
    });
  }

  private Bootstrap bootstrap(EventLoop loop) {
    return new Bootstrap().group(loop).channel(channelType).option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
  }

  /** Ends the idle source connections; those running a call end once it ends. */
  @Override
  public void close() {
    closed = true;
    for (Map.Entry<EventLoop, SourcePool> e : pools.entrySet()) {
      if (!e.getKey().isShuttingDown()) {
        e.getKey().execute(e.getValue()::close);
      }
    }
  }
}
