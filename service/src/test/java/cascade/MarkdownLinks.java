package cascade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the links of a repository's Markdown files the way a reader of a fresh clone follows them:
 * every relative link or image ({@code [text](path)}, {@code ![alt](path)}, {@code [id]: path})
 * must name a file or directory inside the repository, and an anchor ({@code path.md#section},
 * {@code #section}) a heading or an explicit {@code id}/{@code name} of that Markdown file (GitHub's
 * heading ids: lower case, punctuation dropped, spaces as hyphens, {@code -1}, {@code -2} for
 * repeats). Absolute paths and anything naming files outside the repository ({@code ../shared},
 * {@code /work/}) are errors: a clone does not have them. Links inside code (fenced blocks and
 * inline code spans) are not links and are skipped; URLs with a scheme ({@code https:},
 * {@code mailto:}) are not checked.
 */
final class MarkdownLinks {

    /** Text that names files outside any clone of the repository, wherever it appears in Markdown. */
    static final List<String> FORBIDDEN = List.of("../shared", "/work/");

    private static final Pattern INLINE = Pattern.compile("!?\\[([^\\]]*)\\]\\(\\s*(<[^>]*>|[^)\\s]*)(?:\\s+(?:\"[^\"]*\"|'[^']*'))?\\s*\\)");
    private static final Pattern DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ID = Pattern.compile("<a\\s+[^>]*(?:id|name)\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```+|~~~+).*");

    private final Path root;
    private final Map<Path, Set<String>> anchors = new HashMap<>();

    MarkdownLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** One broken link or forbidden reference: file (relative to the root), 1-based line, what is wrong. */
    record Problem(String file, int line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    /** The Markdown files of the repository, skipping build output and hidden directories. */
    List<Path> markdownFiles() {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md") && Files.isRegularFile(p))
                    .filter(p -> !skipped(root.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when a directory on the way to the file is hidden ({@code .git}) or build output. */
    private static boolean skipped(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            String dir = relative.getName(i).toString();
            if (dir.startsWith(".") || dir.equals("target") || dir.equals("node_modules")) {
                return true;
            }
        }
        return false;
    }

    /** Every problem of every Markdown file of the repository. */
    List<Problem> check() {
        List<Problem> problems = new ArrayList<>();
        for (Path file : markdownFiles()) {
            problems.addAll(check(file));
        }
        return problems;
    }

    /** The problems of one Markdown file. */
    List<Problem> check(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String name = root.relativize(abs).toString();
        List<Problem> problems = new ArrayList<>();
        List<String> lines = read(abs);
        boolean fenced = false;
        String fence = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (String forbidden : FORBIDDEN) {
                if (line.contains(forbidden)) {
                    problems.add(new Problem(name, i + 1, "names '" + forbidden
                            + "', which a clone of the repository does not have"));
                }
            }
            Matcher f = FENCE.matcher(line);
            if (f.matches()) {
                String marker = f.group(1);
                if (!fenced) {
                    fenced = true;
                    fence = marker.substring(0, 3);
                } else if (marker.startsWith(fence)) {
                    fenced = false;
                }
                continue;
            }
            if (fenced) {
                continue;
            }
            String text = withoutCodeSpans(line);
            Matcher m = INLINE.matcher(text);
            while (m.find()) {
                problems.addAll(target(abs, name, i + 1, m.group(2)));
            }
            Matcher d = DEFINITION.matcher(text);
            if (d.find()) {
                problems.addAll(target(abs, name, i + 1, d.group(1)));
            }
        }
        return problems;
    }

    private List<Problem> target(Path file, String name, int line, String raw) {
        String target = raw.startsWith("<") && raw.endsWith(">") ? raw.substring(1, raw.length() - 1) : raw;
        if (target.isEmpty()) {
            return List.of(new Problem(name, line, "empty link target"));
        }
        if (SCHEME.matcher(target).matches() || target.startsWith("//")) {
            return List.of();
        }
        String anchor = null;
        int hash = target.indexOf('#');
        if (hash >= 0) {
            anchor = target.substring(hash + 1);
            target = target.substring(0, hash);
        }
        int query = target.indexOf('?');
        if (query >= 0) {
            target = target.substring(0, query);
        }
        Path resolved;
        if (target.isEmpty()) {
            resolved = file;
        } else {
            String path = URLDecoder.decode(target.replace("+", "%2B"), StandardCharsets.UTF_8);
            if (path.startsWith("/")) {
                return List.of(new Problem(name, line, "absolute path '" + raw + "': link relative to this file"));
            }
            resolved = file.getParent().resolve(path).normalize();
            if (!resolved.startsWith(root)) {
                return List.of(new Problem(name, line, "'" + raw + "' points outside the repository"));
            }
            if (!Files.exists(resolved)) {
                return List.of(new Problem(name, line, "'" + raw + "': no such file "
                        + root.relativize(resolved)));
            }
        }
        if (anchor != null && !anchor.isEmpty() && resolved.toString().endsWith(".md") && Files.isRegularFile(resolved)) {
            String wanted = URLDecoder.decode(anchor, StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
            if (!anchorsOf(resolved).contains(wanted)) {
                return List.of(new Problem(name, line, "'" + raw + "': no heading with id '" + anchor + "' in "
                        + root.relativize(resolved)));
            }
        }
        return List.of();
    }

    /** The ids a Markdown file's headings and explicit anchors get. */
    Set<String> anchorsOf(Path file) {
        return anchors.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
            Set<String> ids = new HashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            boolean fenced = false;
            for (String line : read(f)) {
                if (FENCE.matcher(line).matches()) {
                    fenced = !fenced;
                    continue;
                }
                if (fenced) {
                    continue;
                }
                Matcher h = HEADING.matcher(line);
                if (h.matches()) {
                    String slug = slug(h.group(2));
                    int count = seen.merge(slug, 1, Integer::sum);
                    ids.add(count == 1 ? slug : slug + "-" + (count - 1));
                }
                Matcher a = HTML_ID.matcher(line);
                while (a.find()) {
                    ids.add(a.group(1).toLowerCase(java.util.Locale.ROOT));
                }
            }
            return ids;
        });
    }

    /**
     * GitHub's id of a heading: its text (link targets, code ticks and emphasis stars dropped), lower
     * case, every character that is not a letter, digit, space, hyphen or underscore removed, spaces
     * as hyphens.
     */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("*", "");
        StringBuilder sb = new StringBuilder();
        text.toLowerCase(java.util.Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                sb.appendCodePoint(c);
            } else if (c == ' ') {
                sb.append('-');
            }
        });
        return sb.toString();
    }

    /** The line with the content of every inline code span replaced, so code is never read as a link. */
    static String withoutCodeSpans(String line) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            if (line.charAt(i) != '`') {
                sb.append(line.charAt(i++));
                continue;
            }
            int run = 0;
            while (i + run < line.length() && line.charAt(i + run) == '`') {
                run++;
            }
            String ticks = "`".repeat(run);
            int close = line.indexOf(ticks, i + run);
            if (close < 0) {
                sb.append(ticks);
                i += run;
                continue;
            }
            sb.append("code");
            i = close + run;
        }
        return sb.toString();
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
