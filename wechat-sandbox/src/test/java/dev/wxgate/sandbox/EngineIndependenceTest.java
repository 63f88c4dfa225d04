package dev.wxgate.sandbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine is plain Java: only the HTTP edge and the wiring may know Spring, the servlet API or Jackson. */
class EngineIndependenceTest {
    /** The edge: everything else in the package is engine. */
    private static final Set<Class<?>> EDGE = Set.of(
            WechatSandboxApplication.class,
            StandaloneFallbackController.class,
            WechatSandboxConfiguration.class,
            SandboxProperties.class,
            SandboxProperties.App.class,
            WechatApiController.class,
            SandboxControlController.class,
            SandboxJson.class,
            ControlInput.class,
            WebOAuthApiController.class,
            AuthorizePageController.class);

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wxgate.sandbox");

    @Test
    void engineDependsOnNoFrameworkType() {
        DescribedPredicate<JavaClass> edge = DescribedPredicate.describe("the HTTP edge or wiring", c -> EDGE.stream()
                .anyMatch(e -> c.getName().equals(e.getName()) || c.getName().startsWith(e.getName() + "$")));
        noClasses()
                .that(DescribedPredicate.not(edge))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..", "jakarta.servlet..", "tools.jackson..", "com.fasterxml.jackson..")
                .check(classes);
    }

    @Test
    void theRuleLooksAtRealEngineClasses() {
        org.assertj.core.api.Assertions.assertThat(classes.contain(SandboxEngine.class)
                        && classes.contain(AppState.class)
                        && classes.contain(WechatApiController.class))
                .isTrue();
    }
}
