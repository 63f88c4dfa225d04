package dev.wxgate.benchmarks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load run: N virtual threads, each sending its next request when the previous one answered, through one
 * keep-alive HTTP/1.1 client. A warm-up whose results are thrown away, then a measured window; bounded in time and in
 * request count.
 */
final class LoadRun {

    /** One iteration of a worker; returns the nanoseconds of its timed part, throws when it failed. */
    @FunctionalInterface
    interface Step {
        long run(HttpClient http, int worker, long iteration) throws Exception;
    }

    /** What a run measured. */
    record Result(
            String scenario,
            String mode,
            int concurrency,
            long count,
            long errors,
            double seconds,
            Histogram latencies,
            String firstError) {

        double throughput() {
            return count / seconds;
        }

        double millis(double percentile) {
            return latencies.getTotalCount() == 0 ? Double.NaN : latencies.getValueAtPercentile(percentile) / 1e6;
        }
    }

    private LoadRun() {}

    static Result run(
            String scenario,
            String mode,
            int concurrency,
            Duration warmup,
            Duration measure,
            long maxRequests,
            Step step)
            throws InterruptedException {
        try (HttpClient http = Http.client()) {
            return run(scenario, mode, concurrency, warmup, measure, maxRequests, step, http);
        }
    }

    /** A run on a given client, whose keep-alive connections outlive it. */
    static Result run(
            String scenario,
            String mode,
            int concurrency,
            Duration warmup,
            Duration measure,
            long maxRequests,
            Step step,
            HttpClient http)
            throws InterruptedException {
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measure.toNanos();
        AtomicLong issued = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        {
            for (int w = 0; w < concurrency; w++) {
                int worker = w;
                Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
                histograms.add(histogram);
                workers.add(
                        Thread.ofVirtual().name("bench-" + scenario + "-" + w).start(() -> {
                            for (long i = 0; ; i++) {
                                long began = System.nanoTime();
                                if (began >= end || issued.incrementAndGet() > maxRequests) {
                                    return;
                                }
                                boolean measured = began >= measureFrom;
                                try {
                                    long nanos = step.run(http, worker, i);
                                    if (measured && System.nanoTime() <= end) {
                                        histogram.recordValue(Math.min(nanos, histogram.getHighestTrackableValue()));
                                    }
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    return;
                                } catch (Exception e) {
                                    if (measured) {
                                        errors.incrementAndGet();
                                    }
                                    firstError.compareAndSet(null, e.toString());
                                }
                            }
                        }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
        }
        Histogram all = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
        histograms.forEach(all::add);
        double seconds = measure.toNanos() / 1e9;
        return new Result(
                scenario, mode, concurrency, all.getTotalCount(), errors.get(), seconds, all, firstError.get());
    }
}
