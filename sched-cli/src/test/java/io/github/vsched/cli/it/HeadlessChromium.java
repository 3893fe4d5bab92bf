package io.github.vsched.cli.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real headless Chromium driven over the DevTools protocol: loads a page, collects every
 * console error, uncaught exception and browser log error (failed loads, invalid SVG
 * attributes ...), and evaluates JavaScript in the page to inspect what rendered.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://[^\\s]+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger ids = new AtomicInteger();
    private volatile CountDownLatch loaded = new CountDownLatch(1);

    /** The names the browser is looked for under on PATH. */
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome",
            "google-chrome-stable");

    /** The browser to use: $CHROMIUM if set, else the first of {@link #NAMES} on PATH, else empty. */
    static Optional<Path> find() {
        return find(System.getenv("CHROMIUM"), System.getenv("PATH"));
    }

    static Optional<Path> find(String chromium, String path) {
        if (chromium != null && !chromium.isEmpty()) {
            Path exe = Path.of(chromium);
            return Files.isRegularFile(exe) && Files.isExecutable(exe) ? Optional.of(exe) : Optional.empty();
        }
        for (String dir : path == null ? new String[0] : path.split(java.io.File.pathSeparator)) {
            for (String name : NAMES) {
                Path exe = dir.isEmpty() ? null : Path.of(dir, name);
                if (exe != null && Files.isRegularFile(exe) && Files.isExecutable(exe)) {
                    return Optional.of(exe);
                }
            }
        }
        return Optional.empty();
    }

    /** Why {@link #find(String, String)} found nothing, for the notice of a skipped test. */
    static String notFound(String chromium) {
        if (chromium != null && !chromium.isEmpty()) {
            return "CHROMIUM=" + chromium + " is not an executable file";
        }
        return "no chromium on PATH (looked for " + String.join(", ", NAMES) + "; install Debian's 'chromium' or set"
                + " CHROMIUM=/path/to/chrome)";
    }

    private HeadlessChromium(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts the browser on about:blank and attaches to its page. */
    static HeadlessChromium start(Path exe) throws Exception {
        Path profile = Files.createTempDirectory("vsched-chromium-");
        Process p = new ProcessBuilder(exe.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--remote-debugging-port=0",
                "about:blank").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<String> browserUrl = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        browserUrl.complete(m.group(1));
                    }
                }
            } catch (IOException e) {
                browserUrl.completeExceptionally(e);
            }
            browserUrl.completeExceptionally(new IllegalStateException("chromium exited before DevTools started"));
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        try {
            URI browser = URI.create(browserUrl.get(60, TimeUnit.SECONDS));
            HttpClient http = HttpClient.newHttpClient();
            URI list = URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list");
            String pageUrl = null;
            for (int attempt = 0; attempt < 50 && pageUrl == null; attempt++) {
                JsonNode targets = JSON.readTree(http.send(HttpRequest.newBuilder(list).timeout(Duration.ofSeconds(10))
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
                for (JsonNode t : targets) {
                    if ("page".equals(t.path("type").asText())) {
                        pageUrl = t.path("webSocketDebuggerUrl").asText();
                        break;
                    }
                }
                if (pageUrl == null) {
                    Thread.sleep(100);
                }
            }
            if (pageUrl == null) {
                throw new IllegalStateException("chromium shows no page target");
            }
            Listener listener = new Listener();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(pageUrl), listener)
                    .get(30, TimeUnit.SECONDS);
            HeadlessChromium c = new HeadlessChromium(p, profile, ws);
            listener.owner = c;
            c.call("Runtime.enable", null);
            c.call("Log.enable", null);
            c.call("Page.enable", null);
            return c;
        } catch (Exception e) {
            p.destroyForcibly();
            throw e;
        }
    }

    /** Loads {@code file} and waits for its load event; returns the errors reported while loading. */
    List<String> load(Path file) throws Exception {
        errors.clear();
        loaded = new CountDownLatch(1);
        ObjectNode params = JSON.createObjectNode().put("url", file.toUri().toString());
        call("Page.navigate", params);
        if (!loaded.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the page did not finish loading in 60 s");
        }
        // let late console messages and log entries arrive
        evaluate("1");
        Thread.sleep(300);
        evaluate("1");
        synchronized (errors) {
            return new ArrayList<>(errors);
        }
    }

    /** Evaluates a JavaScript expression in the page; returns its value as JSON. */
    JsonNode evaluate(String expression) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true);
        JsonNode r = call("Runtime.evaluate", params);
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            msg.set("params", params);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.writeValueAsString(msg), true).get(30, TimeUnit.SECONDS);
        JsonNode r = f.get(60, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + " failed: " + r.get("error"));
        }
        return r.path("result");
    }

    private void onMessage(String text) {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (IOException e) {
            errors.add("unreadable DevTools message: " + text);
            return;
        }
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
            if (f != null) {
                f.complete(m);
            }
            return;
        }
        String method = m.path("method").asText();
        JsonNode p = m.path("params");
        switch (method) {
            case "Page.loadEventFired" -> loaded.countDown();
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if (type.equals("error") || type.equals("assert")) {
                    errors.add("console." + type + ": " + p.path("args"));
                }
            }
            case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
            case "Log.entryAdded" -> {
                JsonNode e = p.path("entry");
                if (e.path("level").asText().equals("error")) {
                    errors.add("log (" + e.path("source").asText() + "): " + e.path("text").asText() + " "
                            + e.path("url").asText());
                }
            }
            default -> {
            }
        }
    }

    /** Assembles fragmented messages. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();
        volatile HeadlessChromium owner;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                if (owner != null) {
                    owner.onMessage(text);
                }
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (RuntimeException e) {
            // closing anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary profile left behind is harmless
        }
    }

    /** For trying the checker by hand: {@code HeadlessChromium FILE.html}. */
    public static void main(String[] args) throws Exception {
        try (HeadlessChromium c = start(find().orElseThrow())) {
            System.out.println(c.load(Path.of(args[0])));
            System.out.println(c.evaluate("document.querySelectorAll('svg.chart').length"));
        }
    }
}
