package cascade;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Repository;

/** The house rules of STYLE.md that a machine can check. */
class ArchitectureTests {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/test-classes/"))
                .importPackages("cascade");
    }

    @Test
    void engineIsPlainJava() {
        classes().that().resideInAPackage("cascade.engine..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.apache.commons.math3..",
                        "org.apache.commons.rng..", "org.jspecify..", "cascade.engine..", "org.bytedeco..")
                .check(classes);
    }

    @Test
    void onlyTheLinalgFacadeTouchesOpenBlas() {
        noClasses().that().resideInAPackage("cascade.engine..").and().resideOutsideOfPackage("cascade.engine.linalg..")
                .should().dependOnClassesThat().resideInAPackage("org.bytedeco..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage("cascade.engine.linalg..")
                .should().dependOnClassesThat().resideInAPackage("org.bytedeco..")
                .check(classes);
    }

    @Test
    void modulesAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("engine").definedBy("cascade.engine..")
                .layer("experiments").definedBy("cascade.experiments..")
                .layer("datasets").definedBy("cascade.datasets..")
                .layer("runs").definedBy("cascade.runs..")
                .layer("results").definedBy("cascade.results..")
                .layer("jobs").definedBy("cascade.jobs..")
                .layer("api").definedBy("cascade.api..")
                .layer("dashboard").definedBy("cascade.dashboard..")
                .layer("system").definedBy("cascade.system..")
                .layer("cli").definedBy("cascade.cli..")
                .layer("access").definedBy("cascade.access..")
                .layer("edge").definedBy("cascade.edge..")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("experiments", "runs", "results", "jobs", "api",
                        "dashboard", "system", "cli", "access", "datasets")
                .whereLayer("experiments").mayOnlyBeAccessedByLayers("runs", "results", "jobs", "api", "dashboard",
                        "datasets", "access")
                .whereLayer("datasets").mayOnlyBeAccessedByLayers("jobs", "api", "dashboard")
                .whereLayer("runs").mayOnlyBeAccessedByLayers("jobs", "results", "api", "dashboard")
                .whereLayer("results").mayOnlyBeAccessedByLayers("api", "dashboard", "jobs")
                .whereLayer("access").mayOnlyBeAccessedByLayers("api", "dashboard")
                .whereLayer("jobs").mayNotBeAccessedByAnyLayer()
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("dashboard").mayNotBeAccessedByAnyLayer()
                .whereLayer("system").mayNotBeAccessedByAnyLayer()
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("edge").mayOnlyBeAccessedByLayers("api", "dashboard")
                .check(classes);
    }

    @Test
    void noCyclesBetweenModules() {
        slices().matching("cascade.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void httpTypesStayAtTheEdge() {
        noClasses().that().resideOutsideOfPackages("cascade.api..", "cascade.dashboard..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "org.springframework.http..")
                .check(classes);
    }

    @Test
    void dashboardReadsThroughFrontDoorsNotTheDatabase() {
        noClasses().that().resideInAPackage("cascade.dashboard..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "java.sql..",
                        "javax.sql..", "org.springframework.jdbc..", "org.springframework.data..",
                        "org.springframework.orm..", "org.springframework.transaction..")
                .check(classes);
    }

    @Test
    void repositoriesAreNotPublic() {
        classes().that().areAnnotatedWith(Repository.class)
                .or().areAssignableTo(org.springframework.data.repository.Repository.class)
                .should().notBePublic()
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void noFieldInjection() {
        noClasses().should().dependOnClassesThat()
                .haveFullyQualifiedName("org.springframework.beans.factory.annotation.Autowired")
                .check(classes);
    }
}
