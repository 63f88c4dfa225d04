package dev.wxgate.benchmarks;

import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The JMH part of the one command: every benchmark of the crypto and signature hot paths in this module (packages
 * {@code dev.wxgate.*}, classes named {@code *Benchmark}), one fork each, answered as a table. The same benchmarks run
 * with JMH's own options through {@code java -cp wxgate-benchmarks.jar org.openjdk.jmh.Main}.
 */
final class Micro {
    private Micro() {}

    static String run() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(System.getProperty("bench.micro.include", "dev\\.wxgate\\..*Benchmark.*"))
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(1))
                .threads(1)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        StringBuilder table = new StringBuilder("| JMH benchmark | µs/op | ± (99.9 %) |\n| --- | ---: | ---: |\n");
        for (RunResult result : results) {
            var primary = result.getPrimaryResult();
            String name = result.getParams().getBenchmark();
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %.3f | %.3f |%n",
                    name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    primary.getScore(),
                    primary.getScoreError()));
        }
        return table.toString();
    }
}
