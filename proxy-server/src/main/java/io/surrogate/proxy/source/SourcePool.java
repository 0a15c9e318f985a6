package io.surrogate.proxy.source;

import io.netty.channel.EventLoop;
import java.util.ArrayDeque;

/**
 * The source connections of one event loop and the calls waiting for one; used only on that loop, so it needs no
 * locks, and a call's rows never change threads on their way to the client.
 */
final class SourcePool {
  private final PassThrough owner;
  private final EventLoop loop;
  private final int max;
  private final ArrayDeque<SourceConnection> idle = new ArrayDeque<>();
  private final ArrayDeque<SourceCall> waiting = new ArrayDeque<>();
  private int open;
  private boolean closed;

  SourcePool(PassThrough owner, EventLoop loop, int max) {
    this.owner = owner;
    this.loop = loop;
    this.max = max;
  }

  /** Runs {@code call} on an idle connection, or queues it and opens a connection if the pool may grow. */
  void submit(SourceCall call) {
    if (closed) {
      call.complete(new SourceOutcome.Fallback(false, "the proxy is shutting down"));
      return;
    }
    SourceConnection c = idle.pollLast();
    if (c != null) {
      c.start(call);
      return;
    }
    call.queuedIn = this;
    waiting.add(call);
    if (open < max) {
      open++;
      owner.connect(loop, this);
    }
  }

  /** A connection finished logging in or finished a call. */
  void ready(SourceConnection c) {
    if (closed) {
      c.terminate();
      return;
    }
    SourceCall next = waiting.poll();
    if (next != null) {
      next.queuedIn = null;
      c.start(next);
    } else {
      idle.addLast(c);
    }
  }

  /** A connection is gone; {@code wasReady} false means it never logged in. */
  void lost(SourceConnection c, boolean wasReady, String reason) {
    open--;
    idle.remove(c);
    if (!wasReady) {
      owner.unavailable(reason);
      SourceCall w;
      while ((w = waiting.poll()) != null) {
        w.queuedIn = null;
        w.complete(new SourceOutcome.Fallback(false, reason));
      }
    } else if (!waiting.isEmpty() && open < max && !closed) {
      open++;
      owner.connect(loop, this);
    }
  }

  /** A connection attempt failed before the connection existed. */
  void connectFailed(String reason) {
    lost(null, false, reason);
  }

  /** Takes back a call that is still waiting (it was cancelled). */
  void withdraw(SourceCall call) {
    waiting.remove(call);
    call.queuedIn = null;
  }

  /** Ends every idle connection; calls running now end first and their connections are ended then. */
  void close() {
    closed = true;
    SourceConnection c;
    while ((c = idle.poll()) != null) {
      c.terminate();
    }
    SourceCall w;
    while ((w = waiting.poll()) != null) {
      w.queuedIn = null;
      w.complete(new SourceOutcome.Fallback(false, "the proxy is shutting down"));
    }
  }
}
