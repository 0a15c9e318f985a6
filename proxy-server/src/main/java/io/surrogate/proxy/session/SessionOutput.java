package io.surrogate.proxy.session;

import io.surrogate.proxy.codec.BackendMessage;

/** Where a session writes backend messages; writes may come from a worker thread. */
interface SessionOutput {
  /** Queues a message (not flushed). */
  void write(BackendMessage message);

  /** Sends everything queued. */
  void flush();

  /** Flushes and blocks until the client has drained enough output, or the channel is gone. */
  void awaitWritable();

  /** Whether more output can be queued without exceeding the channel's high-water mark. */
  boolean isWritable();
}
