package cascade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository carries its own documentation: README.md and docs/*.md (and every other Markdown
 * file of a clone) link only to files that exist in the repository, to headings that exist, and
 * never to files outside it such as {@code ../shared} or {@code /work/}. The first test reads the
 * real repository (the parent of the {@code service} module, where Maven runs the tests); the
 * others plant each kind of mistake in a temporary repository and watch the checker find it.
 */
class DocumentationLinksTests {

    /** The repository root: the nearest directory upwards holding README.md and migrations/. */
    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("migrations"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no repository root (README.md and migrations/) above "
                + Path.of("").toAbsolutePath());
    }

    @Test
    void readmeAndDocsLinkOnlyToFilesAndHeadingsOfTheRepository() {
        MarkdownLinks links = new MarkdownLinks(repositoryRoot());
        List<Path> files = links.markdownFiles();
        assertThat(files).as("Markdown files found")
                .anyMatch(p -> p.endsWith("README.md"))
                .anyMatch(p -> p.endsWith(Path.of("docs", "science.md")))
                .anyMatch(p -> p.endsWith(Path.of("docs", "reference.md")))
                .anyMatch(p -> p.endsWith(Path.of("docs", "operations.md")));
        assertThat(links.check()).as("broken links and references outside the repository").isEmpty();
    }

    @Test
    void readmeLinksTheDocumentation() throws IOException {
        String readme = Files.readString(repositoryRoot().resolve("README.md"));
        assertThat(readme).contains("](docs/science.md)", "](docs/reference.md)", "](docs/operations.md)");
    }

    @Test
    void findsALinkToAFileThatDoesNotExist(@TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("docs/there.md"), "# There\n");
        Files.writeString(repo.resolve("README.md"), """
                See [the docs](docs/there.md) and [`docs/missing.md`](docs/missing.md).
                ![plot](docs/plot.png)
                [ref]: docs/gone.txt
                """);

        List<MarkdownLinks.Problem> problems = new MarkdownLinks(repo).check();

        assertThat(problems).extracting(MarkdownLinks.Problem::line).containsExactly(1, 2, 3);
        assertThat(problems.get(0).message()).contains("docs/missing.md");
    }

    @Test
    void findsAnAnchorWithoutItsHeading(@TempDir Path repo) throws IOException {
        Files.writeString(repo.resolve("guide.md"), """
                # Guide
                ## 2. The spec
                ## Limits
                ## Limits
                <a id="custom"></a>
                """);
        Files.writeString(repo.resolve("README.md"), """
                [ok](guide.md#2-the-spec) [ok](guide.md#limits-1) [ok](guide.md#custom) [ok](#readme)
                [bad](guide.md#3-the-result)
                # Readme
                """);

        List<MarkdownLinks.Problem> problems = new MarkdownLinks(repo).check();

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("3-the-result");
        });
    }

    @Test
    void findsReferencesOutsideTheRepository(@TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("docs/a.md"), """
                The spec is in `../shared/CONTRACT.md`.
                See [science](/work/shared/SCIENCE.md) and [up](../../elsewhere.md).
                """);

        List<MarkdownLinks.Problem> problems = new MarkdownLinks(repo).check();

        assertThat(problems).extracting(MarkdownLinks.Problem::toString)
                .anyMatch(s -> s.startsWith("docs/a.md:1:") && s.contains("../shared"))
                .anyMatch(s -> s.startsWith("docs/a.md:2:") && s.contains("/work/"))
                .anyMatch(s -> s.startsWith("docs/a.md:2:") && s.contains("absolute path"))
                .anyMatch(s -> s.startsWith("docs/a.md:2:") && s.contains("outside the repository"));
    }

    @Test
    void ignoresCodeUrlsAndBuildOutput(@TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve("service/target"));
        Files.writeString(repo.resolve("service/target/generated.md"), "[x](nowhere.md)\n");
        Files.writeString(repo.resolve("README.md"), """
                [site](https://example.org/a.md) [mail](mailto:a@example.org) `[not](a-link.md)`
                ```
                [not](a-link-either.md)
                ```
                    indented text with `x` and [a link](README.md)
                """);

        assertThat(new MarkdownLinks(repo).check()).isEmpty();
    }

    @Test
    void headingIdsFollowGithub() {
        assertThat(MarkdownLinks.slug("8. Things worth knowing before you trust a curve"))
                .isEqualTo("8-things-worth-knowing-before-you-trust-a-curve");
        assertThat(MarkdownLinks.slug("3.1 Samples, seeds and standardisation")).isEqualTo("31-samples-seeds-and-standardisation");
        assertThat(MarkdownLinks.slug("`cascade.jobs.*` settings")).isEqualTo("cascadejobs-settings");
        assertThat(MarkdownLinks.slug("Instances: API, workers, both")).isEqualTo("instances-api-workers-both");
    }
}
