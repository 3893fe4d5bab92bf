package io.github.vsched.cli.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the browser tests look for a browser, and what they say when there is none. */
class HeadlessChromiumTest {

    @Test
    void theBrowserIsLookedForOnPathAndChromiumWins(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path chrome = Files.createFile(bin.resolve("google-chrome"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        String path = empty + File.pathSeparator + bin;
        assertThat(HeadlessChromium.find(null, path)).contains(chrome);
        assertThat(HeadlessChromium.find(null, empty.toString())).isEmpty();
        assertThat(HeadlessChromium.find(chrome.toString(), empty.toString())).contains(chrome);
        // a CHROMIUM that is not there is not replaced by one on PATH
        assertThat(HeadlessChromium.find(dir.resolve("missing").toString(), path)).isEqualTo(Optional.empty());
    }

    @Test
    void theNoticeSaysWhatWasLookedFor() {
        assertThat(HeadlessChromium.notFound(null)).startsWith("no chromium on PATH (looked for chromium,"
                + " chromium-browser, google-chrome, google-chrome-stable;");
        assertThat(HeadlessChromium.notFound("/opt/chrome")).isEqualTo("CHROMIUM=/opt/chrome is not an executable file");
    }
}
