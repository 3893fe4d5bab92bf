package io.github.vsched.cli.output;

import io.github.vsched.cli.UserInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutputDirTest {

    private static long filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void aFileAppearsOnlyWhenCompleteAndNoTemporaryFileIsLeft(@TempDir Path dir) throws IOException {
        OutputDir out = OutputDir.prepare(dir.resolve("a/b"));
        Path p = out.writeString("x.txt", "hello\n");
        assertThat(p).hasContent("hello");
        assertThat(filesIn(out.path())).isEqualTo(1);
    }

    @Test
    void aFailedWriteLeavesThePreviousFileAndNothingElse(@TempDir Path dir) throws IOException {
        OutputDir out = OutputDir.prepare(dir);
        out.writeString("r.json", "old");
        assertThatThrownBy(() -> out.write("r.json", w -> {
            w.write("half of the new");
            throw new IllegalStateException("simulated failure");
        })).hasMessage("simulated failure");
        assertThat(dir.resolve("r.json")).hasContent("old");
        assertThat(filesIn(dir)).isEqualTo(1);
    }

    @Test
    void filesWrittenAsAUnitAreMovedIntoPlaceOnlyWhenAllAreComplete(@TempDir Path dir) throws IOException {
        OutputDir charts = OutputDir.prepare(dir).folder("charts");
        assertThat(charts.path()).isEqualTo(dir.resolve("charts")).isDirectory();
        charts.writeString("a.svg", "old a");
        Map<String, OutputDir.Body> files = new LinkedHashMap<>();
        files.put("a.svg", w -> w.write("new a"));
        files.put("b.svg", w -> {
            w.write("half of b");
            throw new IOException("disk full");
        });
        assertThatThrownBy(() -> charts.writeAll(files)).isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot write " + charts.path().resolve("b.svg") + ": disk full");
        assertThat(charts.path().resolve("a.svg")).hasContent("old a");
        assertThat(filesIn(charts.path())).as("no new file, no temporary file").isEqualTo(1);
        files.put("b.svg", w -> w.write("b"));
        assertThat(charts.writeAll(files)).containsExactly(charts.path().resolve("a.svg"), charts.path().resolve("b.svg"));
        assertThat(charts.path().resolve("a.svg")).hasContent("new a");
        assertThat(filesIn(charts.path())).isEqualTo(2);
        assertThatThrownBy(() -> charts.folder("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAbortedStreamLeavesNoFile(@TempDir Path dir) throws IOException {
        OutputDir out = OutputDir.prepare(dir);
        OutputDir.PendingFile f = out.open("trace.json");
        f.writer().write("{\"traceEvents\":[");
        f.abort();
        assertThat(filesIn(dir)).isZero();
    }

    @Test
    void aFolderThatCannotBeCreatedIsBadInput(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        assertThatThrownBy(() -> OutputDir.prepare(file.resolve("sub")))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("output folder '" + file.resolve("sub") + "' cannot be created");
        assertThatThrownBy(() -> OutputDir.prepare(file))
                .isInstanceOf(UserInputException.class).hasMessageContaining("exists and is not a folder");
    }

    @Test
    void heldFilesAppearTogetherWhenPublishedAndDiscardedOnesLeaveNothing(@TempDir Path dir) throws IOException {
        OutputDir out = OutputDir.prepare(dir).held();
        out.writeString("result.json", "{}");
        out.folder("charts").writeString("a.svg", "<svg/>");
        OutputDir.PendingFile trace = out.open("trace.csv");
        trace.writer().write("time_ns\n");
        trace.commit();
        assertThat(dir.resolve("result.json")).doesNotExist();
        assertThat(dir.resolve("trace.csv")).doesNotExist();
        out.publish();
        assertThat(dir.resolve("result.json")).hasContent("{}");
        assertThat(dir.resolve("charts/a.svg")).hasContent("<svg/>");
        assertThat(dir.resolve("trace.csv")).hasContent("time_ns");

        OutputDir again = OutputDir.prepare(dir).held();
        again.writeString("result.json", "{\"new\": true}");
        again.discard();
        again.publish();
        assertThat(dir.resolve("result.json")).hasContent("{}");
        assertThat(filesIn(dir)).as("no temporary file").isEqualTo(3);
    }
}
