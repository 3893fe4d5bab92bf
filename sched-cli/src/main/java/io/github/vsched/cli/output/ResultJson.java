package io.github.vsched.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vsched.cli.UserInputException;
import io.github.vsched.cli.Version;
import io.github.vsched.cli.result.Distribution;
import io.github.vsched.cli.result.DistributionMetric;
import io.github.vsched.cli.result.Metrics;
import io.github.vsched.cli.result.ResultSet;
import io.github.vsched.cli.result.RunRecord;
import io.github.vsched.cli.result.SweepInfo;
import io.github.vsched.cli.result.VcpuRecord;
import io.github.vsched.cli.result.WorkloadRecord;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code result.json}: writes a {@link ResultSet} and reads it back (for {@code merge}). The
 * schema is documented in the module README; {@link #SCHEMA_VERSION} changes when a field
 * changes meaning or disappears.
 */
public final class ResultJson {
    /** Version of the file's schema. */
    public static final int SCHEMA_VERSION = 1;

    private static final JsonFactory JSON = new JsonFactory();

    private ResultJson() {
    }

    /** Writes {@code set} as JSON. */
    public static void write(ResultSet set, Writer out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE
                    .withLinefeed("\n"));
            pp = pp.withObjectIndenter(new DefaultIndenter("  ", "\n"));
            g.setPrettyPrinter(pp);
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeStringField("generator", "vsched " + Version.get());
            g.writeStringField("scenario", set.scenario());
            g.writeNumberField("seed", set.seed());
            g.writeNumberField("durationNs", set.durationNs());
            g.writeStringField("platform", set.platform());
            strings(g, "schedulers", set.schedulers());
            g.writeArrayFieldStart("seeds");
            for (long s : set.seeds()) {
                g.writeNumber(s);
            }
            g.writeEndArray();
            strings(g, "focus", set.focus());
            g.writeNumberField("confidence", set.confidence());
            g.writeNumberField("periodNs", set.periodNs());
            g.writeNumberField("waitThresholdNs", set.waitThresholdNs());
            if (set.sweep() != null) {
                g.writeObjectFieldStart("sweep");
                strings(g, "params", set.sweep().params());
                g.writeNumberField("points", set.sweep().points());
                g.writeNumberField("shard", set.sweep().shard());
                g.writeNumberField("shards", set.sweep().shards());
                g.writeEndObject();
            }
            g.writeArrayFieldStart("runs");
            for (RunRecord r : set.runs()) {
                run(g, r);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void run(JsonGenerator g, RunRecord r) throws IOException {
        g.writeStartObject();
        g.writeStringField("scheduler", r.scheduler());
        g.writeStringField("schedulerId", r.schedulerId());
        g.writeNumberField("seed", r.seed());
        g.writeObjectFieldStart("params");
        for (Map.Entry<String, String> e : r.params().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeNumberField("durationNs", r.durationNs());
        g.writeNumberField("events", r.events());
        g.writeStringField("eventHash", String.format("%016x", r.eventHash()));
        g.writeArrayFieldStart("vcpus");
        for (VcpuRecord v : r.vcpus()) {
            g.writeStartObject();
            g.writeStringField("domain", v.domain());
            g.writeNumberField("vcpu", v.vcpu());
            g.writeNumberField("cpuShare", v.cpuShare());
            g.writeNumberField("runningNs", v.runningNs());
            g.writeNumberField("runnableNs", v.runnableNs());
            g.writeNumberField("blockedNs", v.blockedNs());
            g.writeNumberField("overheadNs", v.overheadNs());
            g.writeNumberField("dispatches", v.dispatches());
            g.writeNumberField("migrations", v.migrations());
            for (DistributionMetric d : Metrics.DISTRIBUTIONS) {
                Distribution x = d.summary().apply(v);
                g.writeObjectFieldStart(d.name());
                g.writeNumberField("p50", x.p50());
                g.writeNumberField("p90", x.p90());
                g.writeNumberField("p99", x.p99());
                g.writeNumberField("max", x.max());
                g.writeNumberField("mean", x.mean());
                g.writeNumberField("count", x.count());
                g.writeEndObject();
            }
            if (!Double.isNaN(v.inPeriod())) {
                g.writeNumberField("inPeriod", v.inPeriod());
            }
            g.writeNumberField("waits", v.waits());
            g.writeArrayFieldStart("lateWaits");
            for (VcpuRecord.WaitGroup w : v.lateWaits()) {
                g.writeStartObject();
                g.writeStringField("situation", w.situation());
                g.writeNumberField("count", w.count());
                g.writeNumberField("totalUs", w.totalUs());
                g.writeNumberField("maxUs", w.maxUs());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("workloads");
        for (WorkloadRecord w : r.workloads()) {
            g.writeStartObject();
            g.writeStringField("domain", w.domain());
            g.writeStringField("workload", w.workload());
            g.writeObjectFieldStart("metrics");
            for (Map.Entry<String, Double> e : w.metrics().entrySet()) {
                double d = e.getValue();
                if (Double.isFinite(d)) {
                    g.writeNumberField(e.getKey(), d);
                } else {
                    g.writeNullField(e.getKey());
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String s : values) {
            g.writeString(s);
        }
        g.writeEndArray();
    }

    /**
     * Reads a {@code result.json}.
     *
     * @throws UserInputException if the file is missing or is not a vsched result
     */
    public static ResultSet read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new UserInputException("result file '" + file + "' not found");
        } catch (JsonProcessingException e) {
            throw new UserInputException(file + ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr()
                    + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserInputException("cannot read result file '" + file + "': " + e.getMessage(), e);
        }
        try {
            return parse(root);
        } catch (RuntimeException e) {
            throw new UserInputException(file + ": not a vsched result.json: " + e.getMessage(), e);
        }
    }

    private static ResultSet parse(JsonNode root) {
        int version = need(root, "schemaVersion").asInt();
        if (version != SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion " + version + " (this vsched reads " + SCHEMA_VERSION + ")");
        }
        List<Long> seeds = new ArrayList<>();
        need(root, "seeds").forEach(n -> seeds.add(n.asLong()));
        SweepInfo sweep = null;
        if (root.has("sweep")) {
            JsonNode s = root.get("sweep");
            sweep = new SweepInfo(strings(need(s, "params")), need(s, "points").asInt(), need(s, "shard").asInt(),
                    need(s, "shards").asInt());
        }
        List<RunRecord> runs = new ArrayList<>();
        String platform = need(root, "platform").asText();
        for (JsonNode r : need(root, "runs")) {
            runs.add(parseRun(r, platform));
        }
        return new ResultSet(need(root, "scenario").asText(), need(root, "seed").asLong(),
                need(root, "durationNs").asLong(), need(root, "platform").asText(), strings(need(root, "schedulers")),
                seeds, strings(need(root, "focus")), need(root, "confidence").asDouble(), root.path("periodNs").asLong(0),
                root.path("waitThresholdNs").asLong(0), sweep, runs);
    }

    private static RunRecord parseRun(JsonNode r, String platform) {
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : need(r, "params").properties()) {
            params.put(e.getKey(), e.getValue().asText());
        }
        List<VcpuRecord> vcpus = new ArrayList<>();
        for (JsonNode v : need(r, "vcpus")) {
            vcpus.add(new VcpuRecord(need(v, "domain").asText(), need(v, "vcpu").asInt(), need(v, "cpuShare").asDouble(),
                    need(v, "runningNs").asLong(), need(v, "runnableNs").asLong(), need(v, "blockedNs").asLong(),
                    need(v, "overheadNs").asLong(), need(v, "dispatches").asLong(), need(v, "migrations").asLong(),
                    dist(need(v, "wakeLatencyUs")), dist(need(v, "dispatchIntervalUs")), dist(need(v, "runLengthUs")),
                    v.has("inPeriod") ? v.get("inPeriod").asDouble() : Double.NaN, v.path("waits").asLong(0),
                    waitGroups(v.path("lateWaits"))));
        }
        List<WorkloadRecord> workloads = new ArrayList<>();
        for (JsonNode w : need(r, "workloads")) {
            Map<String, Double> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : need(w, "metrics").properties()) {
                m.put(e.getKey(), e.getValue().isNull() ? Double.NaN : e.getValue().asDouble());
            }
            workloads.add(new WorkloadRecord(need(w, "domain").asText(), need(w, "workload").asText(), m));
        }
        return new RunRecord(need(r, "scheduler").asText(), need(r, "schedulerId").asText(), need(r, "seed").asLong(),
                params, platform, need(r, "durationNs").asLong(), need(r, "events").asLong(),
                Long.parseUnsignedLong(need(r, "eventHash").asText(), 16), vcpus, workloads);
    }

    private static List<VcpuRecord.WaitGroup> waitGroups(JsonNode array) {
        List<VcpuRecord.WaitGroup> out = new ArrayList<>();
        for (JsonNode w : array) {
            out.add(new VcpuRecord.WaitGroup(need(w, "situation").asText(), need(w, "count").asLong(),
                    need(w, "totalUs").asDouble(), need(w, "maxUs").asDouble()));
        }
        return out;
    }

    private static Distribution dist(JsonNode d) {
        return new Distribution(need(d, "count").asLong(), need(d, "mean").asDouble(), need(d, "p50").asDouble(),
                need(d, "p90").asDouble(), need(d, "p99").asDouble(), need(d, "max").asDouble());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode need(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isMissingNode()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return v;
    }
}
