package dev.wxgate.adapters.persistence.delivery;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Group commit: writes that callers make at the same moment are run together, one transaction (one commit, one disk
 * flush) for all of them, each caller blocked until its own write is done. No thread of its own: the first caller
 * that finds nobody writing leads and writes the batch it finds queued (its own first); when it is done, the oldest
 * caller still queued leads the next batch. A caller alone is written at once, as it would be without grouping.
 *
 * @param <W> a write with its result ({@link Write#done}, {@link Write#failed}), which the batch must settle
 */
final class GroupCommit<W extends GroupCommit.Write<?>> {

    /** One caller's write: the batch settles it with a result or a failure. */
    abstract static class Write<R> {
        private final CompletableFuture<R> result = new CompletableFuture<>();
        /** Completed when this caller is to lead the next batch. */
        private final CompletableFuture<Void> leads = new CompletableFuture<>();

        void done(R value) {
            result.complete(value);
        }

        void failed(RuntimeException failure) {
            result.completeExceptionally(failure);
        }

        boolean settled() {
            return result.isDone();
        }

        void lead() {
            leads.complete(null);
        }
    }

    private final int maxBatch;
    private final Consumer<List<W>> writeBatch;
    private final ArrayDeque<W> queued = new ArrayDeque<>();
    private boolean writing;

    /**
     * @param writeBatch writes a batch in one transaction and settles every write in it; whatever it leaves unsettled
     *     fails
     */
    GroupCommit(int maxBatch, Consumer<List<W>> writeBatch) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        this.maxBatch = maxBatch;
        this.writeBatch = writeBatch;
    }

    /**
     * Writes {@code write} (alone or with others) and returns its result.
     *
     * @throws RuntimeException what the batch failed the write with
     */
    <R> R write(Write<R> write) {
        @SuppressWarnings("unchecked")
        W own = (W) write;
        boolean lead;
        synchronized (this) {
            queued.add(own);
            lead = !writing;
            writing = true;
        }
        if (!lead) {
            CompletableFuture.anyOf(write.result, write.leads).join();
        }
        if (!write.settled()) {
            writeNextBatch();
        }
        try {
            return write.result.join();
        } catch (java.util.concurrent.CompletionException failure) {
            if (failure.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw failure;
        }
    }

    /** Called by the leader: writes the queued batch (its own write first), then hands the lead on. */
    private void writeNextBatch() {
        List<W> batch = new ArrayList<>();
        synchronized (this) {
            while (batch.size() < maxBatch && !queued.isEmpty()) {
                batch.add(queued.poll());
            }
        }
        try {
            writeBatch.accept(batch);
        } catch (RuntimeException failure) {
            batch.forEach(write -> write.failed(failure));
        } catch (Error fatal) {
            batch.forEach(write -> write.failed(new IllegalStateException("the batch failed", fatal)));
            throw fatal;
        } finally {
            batch.stream()
                    .filter(write -> !write.settled())
                    .forEach(write -> write.failed(new IllegalStateException("the batch left a write unsettled")));
            W next;
            synchronized (this) {
                next = queued.peek();
                writing = next != null;
            }
            if (next != null) {
                next.lead();
            }
        }
    }
}
