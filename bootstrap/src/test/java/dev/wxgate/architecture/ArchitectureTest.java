package dev.wxgate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * What the Maven module graph cannot say: the core is free of frameworks and I/O libraries, layers use only what
 * {@link Layer} allows, packages form no cycles, and no rule checks an empty package.
 */
class ArchitectureTest {

    /** Frameworks and I/O libraries the core must not touch. */
    static final String[] FORBIDDEN_IN_CORE = {
        "org.springframework..",
        "jakarta..",
        "javax.servlet..",
        "org.apache.ibatis..",
        "org.mybatis..",
        "org.redisson..",
        "com.fasterxml.jackson..",
        "tools.jackson..",
        "com.nimbusds..",
        "java.net.http..",
        "org.apache.hc..",
        "okhttp3..",
        "io.netty..",
        "java.sql..",
        "javax.sql..",
    };

    // Test support lives in wxgate-test-fixtures, on no runtime classpath (Maven test scope).
    static final JavaClasses WXGATE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wxgate")
            .that(JavaClass.Predicates.resideOutsideOfPackage("dev.wxgate.testfixtures.."));

    @ParameterizedTest
    @EnumSource(Layer.class)
    void everyLayerHoldsClasses(Layer layer) {
        // A rule about an empty package passes while checking nothing.
        assertThat(WXGATE.that(JavaClass.Predicates.resideInAPackage(layer.packages())))
                .as("classes in %s", layer.packages())
                .isNotEmpty();
    }

    @Test
    void everyPackageBelongsToALayer() {
        Set<String> unowned = new TreeSet<>();
        for (JavaClass type : WXGATE) {
            if (Arrays.stream(Layer.values())
                    .noneMatch(layer -> type.getPackageName().equals(layer.packageName)
                            || type.getPackageName().startsWith(layer.packageName + "."))) {
                unowned.add(type.getPackageName());
            }
        }
        assertThat(unowned)
                .as("packages with no layer (add them to Layer with the dependencies they may have)")
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layerRules")
    void layersUseOnlyWhatTheyMay(String name, ArchRule rule) {
        rule.check(WXGATE);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> layerRules() {
        return Arrays.stream(Layer.values()).flatMap(layer -> rulesFor(layer).stream()
                .map(rule -> org.junit.jupiter.params.provider.Arguments.of(rule.getDescription(), rule)));
    }

    static List<ArchRule> rulesFor(Layer layer) {
        String[] others = Arrays.stream(Layer.values())
                .filter(other -> other != layer && !layer.mayUse.contains(other))
                .map(Layer::packages)
                .toArray(String[]::new);
        ArchRule layering = noClasses()
                .that()
                .resideInAPackage(layer.packages())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .as(layer + " uses only " + layer.mayUse);
        if (!layer.isCore()) {
            return List.of(layering);
        }
        ArchRule purity = noClasses()
                .that()
                .resideInAPackage(layer.packages())
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FORBIDDEN_IN_CORE)
                .as(layer + " is plain Java: no framework, servlet, MyBatis, Redisson, Jackson, JOSE or HTTP client");
        return List.of(layering, purity);
    }

    @Test
    void thePurityRuleCatchesSpringInTheCore() {
        JavaClasses violation =
                new ClassFileImporter().importClasses(dev.wxgate.domain.violation.SpringAwareDomainClass.class);

        assertThat(rulesFor(Layer.DOMAIN))
                .anySatisfy(rule ->
                        assertThat(rule.evaluate(violation).hasViolation()).isTrue());
    }

    @Test
    void noDrivenPortIsImplementedInTheWebAdapter() {
        // The core's interfaces are its driven (secondary) ports; the driving side is use-case classes. adapters-web
        // drives the core, so a port's implementation there would be a driven adapter in the inbound module.
        noClasses()
                .that()
                .resideInAPackage(Layer.ADAPTERS_WEB.packages())
                .should()
                .implement(
                        JavaClass.Predicates.resideInAnyPackage(Layer.DOMAIN.packages(), Layer.APPLICATION.packages())
                                .as("an interface of the core (a driven port)"))
                .as("adapters-web implements no driven (secondary) port")
                .check(WXGATE);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("dev.wxgate.(**)").should().beFreeOfCycles().check(WXGATE);
    }

    /** The benchmarks module (built only with -Pbenchmarks, so not on this classpath), read as sources. */
    static final Path BENCHMARK_SOURCES = Path.of("..", "benchmarks", "src", "main", "java");

    static final String BENCHMARKS_PACKAGE = "dev.wxgate.benchmarks";

    @Test
    void theBenchmarksPackagesAreTheirOwn() {
        // A benchmark in another module's package would reach its package-private internals (a split package):
        // benchmarks use wxgate's public API from packages of their own.
        Map<String, String> packages = packagesOf(BENCHMARK_SOURCES);

        assertThat(packages).as("benchmark sources in %s", BENCHMARK_SOURCES).isNotEmpty();
        assertThat(packages)
                .as("benchmark sources outside %s", BENCHMARKS_PACKAGE)
                .allSatisfy((file, declared) ->
                        assertThat(declared).matches(Pattern.quote(BENCHMARKS_PACKAGE) + "(\\..+)?"));
        assertThat(WXGATE.that(JavaClass.Predicates.resideInAPackage(BENCHMARKS_PACKAGE + "..")))
                .as("classes of wxgate's modules in the benchmarks' packages")
                .isEmpty();
    }

    private static Map<String, String> packagesOf(Path sources) {
        Pattern declaration = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
        try (Stream<Path> files = Files.walk(sources)) {
            Map<String, String> packages = new TreeMap<>();
            for (Path file :
                    files.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = declaration.matcher(Files.readString(file));
                packages.put(sources.relativize(file).toString(), matcher.find() ? matcher.group(1) : "(none)");
            }
            return packages;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    @Test
    void onlyBootstrapAndTheExamplesAreSpringBootApplications() {
        // The examples are services of their own beside wxgate, started in their own JVM.
        ArchRuleDefinition.classes()
                .that()
                .areAnnotatedWith(SpringBootApplication.class)
                .should()
                .resideInAnyPackage(Layer.BOOTSTRAP.packages(), Layer.EXAMPLES.packages())
                .check(WXGATE);
    }
}
