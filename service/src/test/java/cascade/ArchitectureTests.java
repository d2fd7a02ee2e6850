package cascade;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import cascade.access.Caller;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Repository;

/**
 * The house rules of STYLE.md that a machine can check. Each rule was seen to fail once with a
 * violation planted on purpose before it was trusted.
 */
class ArchitectureTests {

    /** Tables with one owning module: only that module's classes may name them in SQL. */
    static final Map<String, String> TABLE_OWNERS = Map.of(
            "run", "cascade.runs",
            "experiment", "cascade.experiments");

    /** A statement that reads or writes a table, in any SQL string or annotation value of a class file. */
    static final Pattern SQL_TABLE = Pattern.compile(
            "(?i)\\b(?:from|join|into|update|table|truncate)\\s+(?:only\\s+)?(\\w+)\\b");

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

    /**
     * Who may use whom (STYLE.md 3.3). In particular experiments uses runs and never the reverse:
     * the run queue reaches experiment rows only through {@code runs.ExperimentRows}.
     */
    @Test
    void modulesAreLayered() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String module : List.of("engine", "runs", "experiments", "datasets", "results", "access", "jobs", "edge",
                "api", "dashboard", "system", "cli")) {
            layers = layers.layer(module).definedBy("cascade." + module + "..");
        }
        layers.whereLayer("engine").mayOnlyBeAccessedByLayers("experiments", "runs", "results", "jobs", "api",
                        "dashboard", "system", "cli", "access", "datasets")
                .whereLayer("runs").mayOnlyBeAccessedByLayers("experiments", "results", "jobs", "api", "dashboard")
                .whereLayer("experiments").mayOnlyBeAccessedByLayers("results", "jobs", "api", "dashboard",
                        "datasets", "access")
                .whereLayer("datasets").mayOnlyBeAccessedByLayers("jobs", "api", "dashboard")
                .whereLayer("results").mayOnlyBeAccessedByLayers("api", "dashboard", "jobs")
                .whereLayer("access").mayOnlyBeAccessedByLayers("api", "dashboard")
                .whereLayer("edge").mayOnlyBeAccessedByLayers("api", "dashboard")
                .whereLayer("jobs").mayNotBeAccessedByAnyLayer()
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("dashboard").mayNotBeAccessedByAnyLayer()
                .whereLayer("system").mayNotBeAccessedByAnyLayer()
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .check(classes);
    }

    @Test
    void noCyclesBetweenModules() {
        slices().matching("cascade.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * Only runs/ names the run table and only experiments/ the experiment table, in any SQL a
     * class carries (string constants, text blocks, concatenation recipes, annotation values such
     * as {@code @Query} or {@code @Table}), read from the compiled class files.
     */
    @Test
    void eachTableIsTouchedOnlyByItsOwningModule() {
        classes().should(nameOnlyTablesTheyOwn()).check(classes);
    }

    /** The scanner itself: it must see the tables in the SQL that the owners really run. */
    @Test
    void theTableScannerFindsTheOwnersSql() {
        assertThat(tablesNamedBy(classes.get(cascade.runs.RunQueue.class))).contains("run");
        assertThat(tablesNamedBy(classes.get(cascade.runs.Runs.class))).contains("run");
        assertThat(tablesNamedBy(classes.get(cascade.experiments.Experiments.class))).contains("experiment");
        assertThat(tablesNamedBy(classes.get("cascade.experiments.StatusFromRuns"))).contains("experiment");
        assertThat(SQL_TABLE.matcher("UPDATE run SET status = ?").find()).isTrue();
        assertThat(SQL_TABLE.matcher("INSERT INTO run_result (id) VALUES (?)").results().map(m -> m.group(1)))
                .containsExactly("run_result");
    }

    @Test
    void httpTypesStayAtTheEdge() {
        noClasses().that().resideOutsideOfPackages("cascade.api..", "cascade.dashboard..", "cascade.edge..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                        "org.springframework.http..")
                .check(classes);
    }

    /** One problem-details factory: every edge builds its failures with cascade.edge.Problems. */
    @Test
    void problemDetailsAreBuiltOnlyByTheFactory() {
        noClasses().that().resideOutsideOfPackage("cascade.edge..")
                .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("a ProblemDetail factory or setType") {
                    @Override
                    public boolean test(JavaMethodCall call) {
                        return call.getTargetOwner().isEquivalentTo(ProblemDetail.class)
                                && (call.getName().startsWith("forStatus") || call.getName().equals("setType"));
                    }
                })
                .check(classes);
    }

    /** Whether a caller may change an experiment is the access module's decision, not the edge's. */
    @Test
    void ownershipIsDecidedInTheAccessModule() {
        noClasses().that().resideOutsideOfPackage("cascade.access..")
                .should().callMethod(Caller.class, "mayChange", String.class)
                .check(classes);
    }

    /** Every package has a package-info.java with Javadoc, annotated @NullMarked. */
    @Test
    void everyPackageHasAPackageInfo() {
        Set<String> missing = new TreeSet<>();
        for (JavaPackage p : classes.getPackage("cascade").getSubpackagesInTree()) {
            if (p.getClasses().isEmpty()) {
                continue;
            }
            boolean marked = p.tryGetPackageInfo().map(info -> info.isAnnotatedWith(NullMarked.class)).orElse(false);
            Path source = Path.of("src/main/java", p.getName().replace('.', '/'), "package-info.java");
            boolean documented = readIfExists(source).contains("/**");
            if (!marked || !documented) {
                missing.add(p.getName() + (marked ? "" : " (no @NullMarked package-info)")
                        + (documented ? "" : " (no Javadoc in " + source + ")"));
            }
        }
        assertThat(missing).as("packages without a documented, @NullMarked package-info.java").isEmpty();
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

    /**
     * Long-lived beans keep no map that can grow without bound: caches are ConcurrentLruCaches
     * sized by configuration; the few plain maps left are listed here with what bounds them.
     * Records (data) and the command line (a process per command) are not long-lived.
     */
    @Test
    void everyMapInABeanIsBounded() {
        Map<String, String> boundedOtherwise = Map.of(
                "cascade.jobs.WorkerPool.active", "one entry per run computing now: at most cascade.jobs.workers",
                "cascade.jobs.WorkerPool$Heartbeats.active", "the pool's own map, above",
                "cascade.jobs.JobsConfiguration$CachedCounts.counts", "one entry per RunStatus value",
                "cascade.api.ProgressStreams.listeners", "one entry per open event stream, removed when it closes",
                "cascade.api.ProgressStreams.lastSent", "same keys as listeners, removed with them",
                "cascade.datasets.DatasetStore.cache", "bounded by cascade.datasets.cache-size bytes",
                "cascade.datasets.DatasetStore.loading", "one entry per dataset being loaded right now");
        List<String> unbounded = new ArrayList<>();
        for (JavaClass c : classes) {
            if (c.isRecord() || c.getPackageName().startsWith("cascade.engine")
                    || c.getPackageName().startsWith("cascade.cli")) {
                continue; // data, the engine (its caches are sized by their constructors), one-shot commands
            }
            for (JavaField f : c.getFields()) {
                boolean map = f.getRawType().isAssignableTo(Map.class);
                if (map && !f.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.STATIC)
                        && !boundedOtherwise.containsKey(c.getName() + "." + f.getName())) {
                    unbounded.add(c.getName() + "." + f.getName());
                }
            }
        }
        assertThat(unbounded).as("map fields of long-lived classes; use a bounded cache or say what bounds it")
                .isEmpty();
    }

    private static ArchCondition<JavaClass> nameOnlyTablesTheyOwn() {
        return new ArchCondition<>("name in SQL only tables their module owns") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (String table : tablesNamedBy(c)) {
                    String owner = TABLE_OWNERS.get(table);
                    if (owner != null && !c.getPackageName().equals(owner) && !c.getPackageName().startsWith(owner + ".")) {
                        events.add(SimpleConditionEvent.violated(c, c.getName() + " names table " + table
                                + " in SQL, which only " + owner + " may touch"));
                    }
                }
            }
        };
    }

    /** Tables named by SQL in the class file's constant pool (strings and annotation values). */
    static Set<String> tablesNamedBy(JavaClass c) {
        Set<String> tables = new TreeSet<>();
        for (PoolEntry entry : ClassFile.of().parse(bytes(c)).constantPool()) {
            if (entry instanceof Utf8Entry utf8) {
                Matcher m = SQL_TABLE.matcher(utf8.stringValue());
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        c.tryGetAnnotationOfType(jakarta.persistence.Table.class).ifPresent(t -> tables.add(t.name()));
        return tables;
    }

    private static byte[] bytes(JavaClass c) {
        try (InputStream in = c.getSource().orElseThrow().getUri().toURL().openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readIfExists(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
