package org.octave2vec.ingest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Turns a push-style producer (a reader calling back for every row) into the pull-style iterator
 * Spark's mapPartitions wants, with bounded memory: rows travel in batches through a small queue,
 * so a multi-gigabyte file is never held whole.
 */
final class SinkIterator<T> implements Iterator<T> {
  private static final int BATCH = 2048;
  private static final List<Object> END = new ArrayList<>();

  private final BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(8);
  private final Thread producer;
  private volatile Throwable failure;
  private List<Object> current = List.of();
  private int pos;
  private boolean done;

  SinkIterator(Consumer<Consumer<T>> produce, String name) {
    producer =
        new Thread(
            () -> {
              var holder =
                  new Object() {
                    List<Object> batch = new ArrayList<>(BATCH);
                  };
              try {
                produce.accept(
                    item -> {
                      holder.batch.add(item);
                      if (holder.batch.size() == BATCH) {
                        put(holder.batch);
                        holder.batch = new ArrayList<>(BATCH);
                      }
                    });
                put(holder.batch);
              } catch (Throwable t) {
                failure = t;
              } finally {
                try {
                  queue.put(END);
                } catch (InterruptedException ignored) {
                  Thread.currentThread().interrupt();
                }
              }
            },
            name);
    producer.setDaemon(true);
    producer.start();
  }

  /**
   * Stops the producer when the task ends early (killed, failed, or a limit downstream): without
   * this the reading thread would block on the full queue forever.
   */
  void close() {
    done = true;
    producer.interrupt();
    queue.clear();
  }

  private void put(List<Object> b) {
    try {
      queue.put(b);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public boolean hasNext() {
    while (!done && pos == current.size()) {
      try {
        current = queue.take();
      } catch (InterruptedException e) {
        producer.interrupt();
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
      pos = 0;
      if (current == END) {
        done = true;
        current = List.of();
        if (failure != null) {
          throw new IllegalStateException("reading input failed: " + failure, failure);
        }
      }
    }
    return pos < current.size();
  }

  @Override
  @SuppressWarnings("unchecked")
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return (T) current.get(pos++);
  }
}
