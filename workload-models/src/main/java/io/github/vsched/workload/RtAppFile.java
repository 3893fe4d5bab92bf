package io.github.vsched.workload;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An rt-app task description (rt-app's {@code doc/tutorial.txt}) read from its JSON file into
 * what the {@code rt-app} workload runs: its tasks, each with its instances, loops, phases and
 * events, times in nanoseconds. Everything the file says is either modelled, reported as a hint,
 * listed as ignored, or refused with the file, the JSON path of the key and what is supported:
 * nothing is dropped silently.
 */
final class RtAppFile {
    /** Largest file read, in bytes (1 MiB, as for scenario files). */
    static final int MAX_FILE_BYTES = 1 << 20;
    /** Most task instances (VCPUs) a file may describe, as a domain's VCPU limit. */
    static final int MAX_INSTANCES = 4096;

    static final int RUN = 0;
    static final int SLEEP = 1;
    static final int TIMER = 2;
    static final int YIELD = 3;

    /** Events modelled, as rt-app names them (a key may carry a number: run0, run1). */
    static final List<String> EVENTS = List.of("run", "runtime", "sleep", "timer", "yield");
    /** rt-app's events that cannot be modelled, with the reason given in the message. */
    static final Map<String, String> REFUSED_EVENTS = refusedEvents();
    /** Keys of a task, besides its events. */
    static final List<String> TASK_KEYS = List.of("instance", "delay", "loop", "phases", "cpus", "policy",
            "priority", "dl-runtime", "dl-period", "dl-deadline", "util_min", "util_max", "hold_ns", "taskgroup");
    /** Keys of a phase, besides its events. */
    static final List<String> PHASE_KEYS = List.of("loop", "cpus", "policy", "priority", "dl-runtime", "dl-period",
            "dl-deadline", "util_min", "util_max", "hold_ns", "taskgroup");
    /** Keys of {@code global} that are read. */
    static final List<String> GLOBAL_READ = List.of("duration", "default_policy", "calibration");
    /** Keys of {@code global} about rt-app's own host (logs, traces, memory): accepted, no effect. */
    static final List<String> GLOBAL_IGNORED = List.of("pi_enabled", "lock_pages", "logdir", "log_basename",
            "log_size", "ftrace", "gnuplot", "io_device", "mem_buffer_size", "cumulative_slack");
    /** Linux policies rt-app accepts. */
    static final List<String> POLICIES = List.of("SCHED_OTHER", "SCHED_IDLE", "SCHED_RR", "SCHED_FIFO",
            "SCHED_DEADLINE");

    private static final Pattern EVENT_KEY = Pattern.compile("([a-z_]+?)([0-9]*)");

    /** The run-time limit of the whole use case ({@code global.duration}), or -1 for none. */
    final long durationNs;
    /** {@code global.default_policy}. */
    final String defaultPolicy;
    /** The tasks, in file order. */
    final List<Task> tasks;

    private RtAppFile(long durationNs, String defaultPolicy, List<Task> tasks) {
        this.durationNs = durationNs;
        this.defaultPolicy = defaultPolicy;
        this.tasks = tasks;
    }

    /** One task object: {@code instance} VCPUs run it. */
    record Task(String name, int instance, long delayNs, long loop, List<Phase> phases, int timers,
                boolean[] timerAbsolute, String policy, long dlRuntimeUs, long dlPeriodUs, long dlDeadlineUs) {
        /** Whether the thread asks for SCHED_DEADLINE or gives its runtime: its hints are reported. */
        boolean deadline() {
            return "SCHED_DEADLINE".equals(policy) || dlRuntimeUs > 0;
        }
    }

    /**
     * One phase: its events run in order, {@code loop} times.
     *
     * @param kind   per event: {@link #RUN}, {@link #SLEEP}, {@link #TIMER} or {@link #YIELD}
     * @param ns     per event: the run or sleep time, or the timer period
     * @param timer  per event: the task's timer it uses (timer events), else -1
     */
    record Phase(String name, long loop, int[] kind, long[] ns, int[] timer) {
    }

    /** Thrown with a message that names the file, the JSON path and what is allowed. */
    static final class FormatException extends Exception {
        private static final long serialVersionUID = 1L;

        FormatException(String message) {
            super(message);
        }
    }

    /** Reads and checks a file. */
    static RtAppFile read(Path file) throws FormatException {
        String where = file.toString();
        byte[] bytes;
        if (Files.isDirectory(file)) {
            throw new FormatException(where + ": is a folder; expected an rt-app JSON file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new FormatException(where + ": is not a regular file; expected an rt-app JSON file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_FILE_BYTES + 1);
        } catch (NoSuchFileException e) {
            throw new FormatException(where + ": file not found");
        } catch (IOException e) {
            throw new FormatException(where + ": cannot read it: " + e.getMessage());
        }
        if (bytes.length > MAX_FILE_BYTES) {
            throw new FormatException(where + ": larger than " + MAX_FILE_BYTES / 1024 + " KiB, the largest rt-app"
                    + " file read");
        }
        return parse(where, new String(bytes, StandardCharsets.UTF_8));
    }

    /** Parses the text of a file named {@code where} in messages. */
    static RtAppFile parse(String where, String json) throws FormatException {
        JsonNode root;
        try {
            ObjectMapper mapper = new ObjectMapper();
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String msg = e.getOriginalMessage();
            if (msg.startsWith("Duplicate field")) {
                msg += " (rt-app's workgen numbers repeated events; write them as run0, run1, ...)";
            }
            throw new FormatException(where + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr())
                    + ": not valid JSON: " + msg);
        }
        if (root == null || !root.isObject()) {
            throw new FormatException(where + ": expected a JSON object with \"tasks\" (and optionally \"global\")");
        }
        return new Reader(where).file(root);
    }

    /** The state of one parse: where messages point. */
    private static final class Reader {
        final String where;

        Reader(String where) {
            this.where = where;
        }

        FormatException error(String path, String message) {
            return new FormatException(where + ": " + path + ": " + message);
        }

        RtAppFile file(JsonNode root) throws FormatException {
            long duration = -1;
            String defaultPolicy = "SCHED_OTHER";
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                switch (k) {
                    case "tasks", "global" -> { }
                    case "resources" -> {
                        if (!root.get(k).isObject() || !root.get(k).isEmpty()) {
                            throw error(k, "resources (mutexes, conditions, barriers) cannot be modelled; the"
                                    + " rt-app workload supports none (see workload-models README, rt-app)");
                        }
                    }
                    default -> throw error(k, "unknown key; supported at the top: tasks, global (and an empty"
                            + " resources)");
                }
            }
            JsonNode global = root.get("global");
            if (global != null) {
                if (!global.isObject()) {
                    throw error("global", "expected an object");
                }
                for (Iterator<String> it = global.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    JsonNode v = global.get(k);
                    switch (k) {
                        case "duration" -> {
                            long s = integer(v, "global.duration", -1, 1_000_000_000L, "whole seconds, or -1");
                            if (s == 0) {
                                throw error("global.duration", "0; allowed: whole seconds > 0, or -1 (until the"
                                        + " tasks end)");
                            }
                            duration = s < 0 ? -1 : s * 1_000_000_000L;
                        }
                        case "default_policy" -> defaultPolicy = policy(v, "global.default_policy");
                        case "calibration" -> {
                            if (!v.isTextual() && !v.isIntegralNumber()) {
                                throw error("global.calibration", "expected \"CPUn\" or a whole number of ns per"
                                        + " loop");
                            }
                        }
                        default -> {
                            if (!GLOBAL_IGNORED.contains(k)) {
                                throw error("global." + k, "unknown key; supported: "
                                        + String.join(", ", GLOBAL_READ) + "; accepted and ignored: "
                                        + String.join(", ", GLOBAL_IGNORED));
                            }
                        }
                    }
                }
            }
            JsonNode tasks = root.get("tasks");
            if (tasks == null || !tasks.isObject() || tasks.isEmpty()) {
                throw error("tasks", tasks == null ? "missing; an rt-app file describes its threads in \"tasks\""
                        : "expected an object with one entry per thread, e.g. \"tasks\": {\"t\": {\"run\": 1000,"
                        + " \"timer\": {\"ref\": \"unique\", \"period\": 10000}}}");
            }
            List<Task> out = new ArrayList<>();
            long instances = 0;
            Map<String, String> sharedTimers = new HashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = tasks.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Task t = task(e.getKey(), e.getValue(), defaultPolicy, sharedTimers);
                instances += t.instance();
                if (instances > MAX_INSTANCES) {
                    throw error("tasks", "more than " + MAX_INSTANCES + " task instances; allowed: at most "
                            + MAX_INSTANCES + " (one VCPU each)");
                }
                out.add(t);
            }
            return new RtAppFile(duration, defaultPolicy, List.copyOf(out));
        }

        Task task(String name, JsonNode node, String defaultPolicy, Map<String, String> sharedTimers)
                throws FormatException {
            String path = "tasks." + name;
            if (!node.isObject()) {
                throw error(path, "expected a thread object");
            }
            int instance = 1;
            long delay = 0;
            long loop = -1;
            String policy = defaultPolicy;
            long[] dl = new long[3];
            boolean eventsHere = false;
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                JsonNode v = node.get(k);
                String at = path + "." + k;
                switch (k) {
                    case "instance" -> instance = (int) integer(v, at, 0, MAX_INSTANCES, "a whole number of threads");
                    case "delay" -> delay = integer(v, at, 0, 3_600_000_000L, "microseconds") * 1000;
                    case "loop" -> {
                        loop = integer(v, at, -1, Long.MAX_VALUE / 2, "-1 (forever) or a whole number > 0");
                        if (loop == 0) {
                            throw error(at, "0; allowed: -1 (forever) or a whole number > 0");
                        }
                    }
                    case "phases" -> { }
                    case "policy" -> policy = policy(v, at);
                    default -> {
                        if (!property(k, v, at, dl)) {
                            eventsHere = true;
                        }
                    }
                }
            }
            TaskTimers timers = new TaskTimers();
            List<Phase> phases = phases(path, node, eventsHere, timers, dl);
            checkTimed(path, phases);
            checkTimersNotShared(name, path, instance, timers, sharedTimers);
            return new Task(name, instance, delay, loop, phases, timers.count(), timers.absolute(), policy, dl[0],
                    dl[1] == 0 ? dl[0] : dl[1], dl[2] == 0 ? (dl[1] == 0 ? dl[0] : dl[1]) : dl[2]);
        }

        /** The task's phases: those under {@code phases}, else one made of the task's own events. */
        private List<Phase> phases(String path, JsonNode node, boolean eventsHere, TaskTimers timers, long[] dl)
                throws FormatException {
            JsonNode phasesNode = node.get("phases");
            if (phasesNode == null) {
                return List.of(phase("", node, path, false, timers, dl));
            }
            if (eventsHere) {
                throw error(path, "has both \"phases\" and events; put the events in a phase");
            }
            if (!phasesNode.isObject() || phasesNode.isEmpty()) {
                throw error(path + ".phases", "expected an object with one entry per phase");
            }
            List<Phase> phases = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = phasesNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                phases.add(phase(e.getKey(), e.getValue(), path + ".phases." + e.getKey(), true, timers, dl));
            }
            return List.copyOf(phases);
        }

        /** A thread that only yields would spin without ever letting simulated time pass. */
        private void checkTimed(String path, List<Phase> phases) throws FormatException {
            boolean timed = false;
            for (Phase ph : phases) {
                for (int kind : ph.kind()) {
                    timed |= kind != YIELD;
                }
            }
            if (!timed) {
                throw error(path, "has no run, runtime, sleep or timer event; a thread must spend time somewhere");
            }
        }

        /** A timer that is not "unique..." is shared by every thread that names it in rt-app: refused. */
        private void checkTimersNotShared(String name, String path, int instance, TaskTimers timers,
                                          Map<String, String> sharedTimers) throws FormatException {
            for (String ref : timers.refs()) {
                if (!ref.startsWith("unique")) {
                    String other = sharedTimers.putIfAbsent(ref, name);
                    if (other != null || instance > 1) {
                        throw error(path, "timer '" + ref + "' is shared by " + (other != null ? "threads '" + other
                                + "' and '" + name + "'" : "the " + instance + " instances of this thread")
                                + "; one timer advanced by several VCPUs cannot be modelled: name it 'unique' (or"
                                + " 'unique...') to give each thread its own, as rt-app's tutorial advises");
                    }
                }
            }
        }

        /**
         * A key of a task or phase that is not an event: hints read and checked, guest-scheduler
         * settings accepted; false if {@code k} is not such a key.
         */
        boolean property(String k, JsonNode v, String at, long[] dl) throws FormatException {
            switch (k) {
                case "policy" -> policy(v, at);
                case "priority" -> integer(v, at, -20, 99, "a priority (nice -20..19, or 1..99 for SCHED_RR/FIFO)");
                case "dl-runtime" -> dl[0] = integer(v, at, 0, 3_600_000_000L, "microseconds");
                case "dl-period" -> dl[1] = integer(v, at, 0, 3_600_000_000L, "microseconds");
                case "dl-deadline" -> dl[2] = integer(v, at, 0, 3_600_000_000L, "microseconds");
                case "cpus" -> {
                    if (!v.isArray()) {
                        throw error(at, "expected an array of CPU numbers, e.g. [0, 2]");
                    }
                    for (int i = 0; i < v.size(); i++) {
                        integer(v.get(i), at + "[" + i + "]", 0, 4095, "a CPU number");
                    }
                }
                case "util_min", "util_max" -> integer(v, at, 0, 1024, "a utilization clamp in [0, 1024]");
                case "hold_ns" -> integer(v, at, 0, Long.MAX_VALUE, "nanoseconds");
                case "taskgroup" -> {
                    if (!v.isTextual()) {
                        throw error(at, "expected a string");
                    }
                }
                default -> {
                    return false;
                }
            }
            return true;
        }

        Phase phase(String name, JsonNode node, String path, boolean isPhase, TaskTimers timers, long[] dl)
                throws FormatException {
            if (!node.isObject()) {
                throw error(path, "expected a phase object");
            }
            long loop = 1;
            PhaseEvents events = new PhaseEvents();
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                JsonNode v = node.get(k);
                String at = path + "." + k;
                if (isPhase && k.equals("loop")) {
                    loop = integer(v, at, 1, Long.MAX_VALUE / 2, "a whole number of repetitions > 0");
                    continue;
                }
                if (!isPhase && TASK_KEYS.contains(k)) {
                    continue; // read by task()
                }
                if (isPhase && property(k, v, at, dl)) {
                    continue;
                }
                event(k, v, at, isPhase, events, timers);
            }
            if (events.isEmpty()) {
                throw error(path, "has no events; supported events: " + String.join(", ", EVENTS));
            }
            return events.phase(name, loop);
        }

        /** Adds the event of key {@code k} ({@code run}, {@code run0}, ...), or refuses the key. */
        private void event(String k, JsonNode v, String at, boolean isPhase, PhaseEvents events, TaskTimers timers)
                throws FormatException {
            Matcher m = EVENT_KEY.matcher(k);
            String kind = m.matches() ? m.group(1) : k;
            switch (kind) {
                case "run", "runtime" -> events.add(RUN, integer(v, at, 1, 3_600_000_000L, "microseconds > 0") * 1000,
                        -1);
                case "sleep" -> events.add(SLEEP, integer(v, at, 1, 3_600_000_000L, "microseconds > 0") * 1000, -1);
                case "yield" -> {
                    if (!v.isTextual()) {
                        throw error(at, "expected a string (may be empty), as rt-app's yield takes");
                    }
                    events.add(YIELD, 0L, -1);
                }
                case "timer" -> timerEvent(v, at, events, timers);
                default -> {
                    String why = REFUSED_EVENTS.get(kind);
                    if (why != null) {
                        throw error(at, "rt-app's '" + kind + "' event cannot be modelled: " + why
                                + "; supported events: " + String.join(", ", EVENTS));
                    }
                    throw error(at, "unknown key; supported events: " + String.join(", ", EVENTS)
                            + " (numbered to repeat: run0, run1); keys of a " + (isPhase ? "phase: "
                            + String.join(", ", PHASE_KEYS) : "thread: " + String.join(", ", TASK_KEYS)));
                }
            }
        }

        /** A {@code timer} event: {@code {"ref": NAME, "period": MICROSECONDS, "mode": absolute|relative}}. */
        private void timerEvent(JsonNode v, String at, PhaseEvents events, TaskTimers timers) throws FormatException {
            if (!v.isObject()) {
                throw error(at, "expected an object {\"ref\": \"unique\", \"period\": MICROSECONDS}");
            }
            String ref = "unknown";
            long period = -1;
            boolean abs = false;
            for (Iterator<String> f = v.fieldNames(); f.hasNext(); ) {
                String tk = f.next();
                JsonNode tv = v.get(tk);
                switch (tk) {
                    case "ref" -> {
                        if (!tv.isTextual() || tv.asText().isEmpty()) {
                            throw error(at + ".ref", "expected the timer's name, e.g. \"unique\"");
                        }
                        ref = tv.asText();
                    }
                    case "period" -> period = integer(tv, at + ".period", 1, 3_600_000_000L, "microseconds > 0");
                    case "mode" -> {
                        String mode = tv.isTextual() ? tv.asText() : "";
                        if (!mode.equals("absolute") && !mode.equals("relative")) {
                            throw error(at + ".mode", "'" + tv.asText() + "'; allowed: absolute, relative (the"
                                    + " default)");
                        }
                        abs = mode.equals("absolute");
                    }
                    default -> throw error(at + "." + tk, "unknown key of a timer; supported: ref, period, mode");
                }
            }
            if (period < 0) {
                throw error(at, "needs \"period\" (microseconds > 0)");
            }
            events.add(TIMER, period * 1000, timers.use(ref, abs));
        }

        String policy(JsonNode v, String at) throws FormatException {
            String p = v.isTextual() ? v.asText() : v.toString();
            if (!POLICIES.contains(p)) {
                throw error(at, "'" + p + "'; allowed: " + String.join(", ", POLICIES));
            }
            return p;
        }

        long integer(JsonNode v, String at, long min, long max, String what) throws FormatException {
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw error(at, v + "; allowed: a whole number (" + what + ")");
            }
            long x = v.asLong();
            if (x < min || x > max) {
                throw error(at, x + "; allowed: " + what + " in [" + min + ", " + max + "]");
            }
            return x;
        }
    }

    /** The timers of one task, numbered in order of first use. */
    private static final class TaskTimers {
        private final Map<String, Integer> ids = new LinkedHashMap<>();
        private final List<Boolean> absolute = new ArrayList<>();

        /**
         * The number of timer {@code ref}, numbered now if it is new; as in rt-app, one use in
         * absolute mode makes the timer absolute.
         */
        int use(String ref, boolean abs) {
            Integer id = ids.get(ref);
            if (id == null) {
                id = ids.size();
                ids.put(ref, id);
                absolute.add(false);
            }
            if (abs) {
                absolute.set(id, true);
            }
            return id;
        }

        int count() {
            return ids.size();
        }

        Set<String> refs() {
            return ids.keySet();
        }

        /** Per timer number: whether it is in absolute mode. */
        boolean[] absolute() {
            boolean[] abs = new boolean[absolute.size()];
            for (int i = 0; i < abs.length; i++) {
                abs[i] = absolute.get(i);
            }
            return abs;
        }
    }

    /** The events of one phase as they are read, in order. */
    private static final class PhaseEvents {
        private final List<Integer> kinds = new ArrayList<>();
        private final List<Long> ns = new ArrayList<>();
        private final List<Integer> timers = new ArrayList<>();

        void add(int kind, long nanos, int timer) {
            kinds.add(kind);
            ns.add(nanos);
            timers.add(timer);
        }

        boolean isEmpty() {
            return kinds.isEmpty();
        }

        Phase phase(String name, long loop) {
            int[] k = new int[kinds.size()];
            long[] n = new long[kinds.size()];
            int[] t = new int[kinds.size()];
            for (int i = 0; i < k.length; i++) {
                k[i] = kinds.get(i);
                n[i] = ns.get(i);
                t[i] = timers.get(i);
            }
            return new Phase(name, loop, k, n, t);
        }
    }

    private static Map<String, String> refusedEvents() {
        Map<String, String> m = new LinkedHashMap<>();
        String sync = "the guest's threads share one VCPU each and no lock, condition or barrier between them is"
                + " modelled";
        for (String e : Set.of("lock", "unlock", "wait", "signal", "broad", "sync", "barrier", "suspend", "resume")) {
            m.put(e, sync);
        }
        m.put("mem", "memory traffic is not modelled (the platform charges cache refills only after migrations)");
        m.put("iorun", "writes to a host file are not modelled; use the phases workload's write phase");
        m.put("fork", "threads are created at the start, one VCPU each; a thread created later has no VCPU");
        m.put("slack", "not modelled");
        return Map.copyOf(m);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "rt-app file: %d tasks", tasks.size());
    }
}
