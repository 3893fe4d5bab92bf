package io.github.vsched.platform.smp;

import io.github.vsched.api.Device;
import io.github.vsched.api.Durations;
import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.ParameterSpec;
import io.github.vsched.api.Parameters;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A rotating disk behind dom0's page cache. Each request is a cache hit with probability
 * {@link #readHitRatio} (reads) or {@link #writeHitRatio} (writes) and then costs a fixed
 * latency plus a memory copy; otherwise it pays a seek, a rotational delay and the media
 * transfer:
 * <ul>
 *   <li>seek: uniform on {@code [trackSeek, 2 x averageSeek - trackSeek]}, whose mean is the
 *       datasheet's average seek and whose maximum (16 ms with the defaults) is close to a
 *       desktop drive's full-stroke seek;</li>
 *   <li>rotation: uniform on {@code [0, one revolution)}, mean half a revolution;</li>
 *   <li>transfer: {@code bytes / transferRate}.</li>
 * </ul>
 * Every request draws exactly three numbers from the device's stream, hit or miss, so two runs
 * that differ only in a hit ratio still see the same seeks for the same requests (common
 * random numbers). Queueing, command reordering (NCQ), read-ahead and the drive's own write
 * cache are not modelled.
 *
 * @param averageSeekNs          datasheet average seek, ns
 * @param trackSeekNs            track-to-track seek, ns
 * @param rpm                    spindle speed, revolutions per minute
 * @param transferBytesPerSecond sustained media rate, bytes per second
 * @param readHitRatio           fraction of reads served from dom0's page cache, 0..1
 * @param writeHitRatio          fraction of writes absorbed by a cache, 0..1
 * @param cacheHitNs             fixed latency of a cache hit, apart from the copy, ns
 * @param copyBytesPerSecond     copy rate of a cache hit, bytes per second
 */
public record DiskModel(long averageSeekNs, long trackSeekNs, int rpm, long transferBytesPerSecond,
                        double readHitRatio, double writeHitRatio, long cacheHitNs, long copyBytesPerSecond)
        implements Device {

    /** The device's name, which also names its random stream. */
    public static final String NAME = "sata-disk";

    /** Parameter name of {@link #averageSeekNs}. */
    public static final String AVERAGE_SEEK = "diskAverageSeek";
    /** Parameter name of {@link #trackSeekNs}. */
    public static final String TRACK_SEEK = "diskTrackSeek";
    /** Parameter name of {@link #rpm}. */
    public static final String RPM = "diskRpm";
    /** Parameter name of {@link #transferBytesPerSecond} (in MB/s). */
    public static final String TRANSFER_RATE = "diskTransferRate";
    /** Parameter name of {@link #readHitRatio}. */
    public static final String READ_HIT_RATIO = "diskReadHitRatio";
    /** Parameter name of {@link #writeHitRatio}. */
    public static final String WRITE_HIT_RATIO = "diskWriteHitRatio";
    /** Parameter name of {@link #cacheHitNs}. */
    public static final String CACHE_HIT = "diskCacheHit";

    private static final List<ParameterSpec> SPECS = List.of(
            ParameterSpec.duration(AVERAGE_SEEK, 8_500 * Durations.US, 0, 100 * Durations.MS,
                    "average read seek of a 7200-rpm Seagate Barracuda desktop drive (8.5 ms, Barracuda"
                            + " 7200.7 specification)"),
            ParameterSpec.duration(TRACK_SEEK, Durations.MS, 0, 100 * Durations.MS,
                    "track-to-track seek; estimate: the Hitachi Travelstar 5K320 OEM specification's 1.0 ms"
                            + " typical single-track read; must not exceed the average"),
            ParameterSpec.integer(RPM, "rpm", 7200, 1000, 20_000,
                    "spindle speed; 7200 rpm gives 8.33 ms per revolution, 4.17 ms average rotational delay"),
            ParameterSpec.decimal(TRANSFER_RATE, "MB/s", 85.5, 1.0, 10_000.0,
                    "sustained media rate: HD Tach average read of a Seagate Barracuda 7200.11 1 TB"
                            + " (Computerworld review, 2007)"),
            ParameterSpec.decimal(READ_HIT_RATIO, "", 0.5, 0.0, 1.0,
                    "fraction of reads served from dom0's page cache without touching the platters;"
                            + " workload-dependent estimate"),
            ParameterSpec.decimal(WRITE_HIT_RATIO, "", 0.0, 0.0, 1.0,
                    "fraction of writes absorbed by a cache; 0 = every write reaches the platters (blkback on"
                            + " a physical device)"),
            ParameterSpec.duration(CACHE_HIT, 20 * Durations.US, 0, 10 * Durations.MS,
                    "latency of a page-cache hit apart from the copy (lookup and completion in dom0); estimate"));

    /**
     * Validates the figures: none negative, rates and speed positive, ratios within [0, 1],
     * track-to-track seek no longer than the average.
     *
     * @throws InvalidParameterException naming the parameter, the value and what is allowed
     */
    public DiskModel {
        if (averageSeekNs < 0) {
            throw new InvalidParameterException(AVERAGE_SEEK, averageSeekNs + "ns", "a duration >= 0ns");
        }
        if (trackSeekNs < 0) {
            throw new InvalidParameterException(TRACK_SEEK, trackSeekNs + "ns", "a duration >= 0ns");
        }
        if (trackSeekNs > averageSeekNs) {
            throw new InvalidParameterException(TRACK_SEEK, Durations.format(trackSeekNs),
                    "at most diskAverageSeek (" + Durations.format(averageSeekNs) + ")");
        }
        if (rpm <= 0) {
            throw new InvalidParameterException(RPM, Integer.toString(rpm), "a speed > 0 rpm");
        }
        if (transferBytesPerSecond <= 0) {
            throw new InvalidParameterException(TRANSFER_RATE, transferBytesPerSecond + " B/s", "a rate > 0 MB/s");
        }
        ratio(READ_HIT_RATIO, readHitRatio);
        ratio(WRITE_HIT_RATIO, writeHitRatio);
        if (cacheHitNs < 0) {
            throw new InvalidParameterException(CACHE_HIT, cacheHitNs + "ns", "a duration >= 0ns");
        }
        if (copyBytesPerSecond <= 0) {
            throw new InvalidParameterException(CostModel.COPY_BANDWIDTH, copyBytesPerSecond + " B/s",
                    "a rate > 0 MB/s");
        }
    }

    /** The parameters of the disk, with units, defaults, ranges and sources. */
    public static List<ParameterSpec> specs() {
        return SPECS;
    }

    /**
     * Builds the disk from resolved parameters that include {@link #specs()} and
     * {@link CostModel#specs()} (for the copy rate of cache hits).
     */
    public static DiskModel from(Parameters p) {
        return new DiskModel(p.duration(AVERAGE_SEEK), p.duration(TRACK_SEEK), Math.toIntExact(p.integer(RPM)),
                CostModel.megabytesPerSecond(p.decimal(TRANSFER_RATE)), p.decimal(READ_HIT_RATIO),
                p.decimal(WRITE_HIT_RATIO), p.duration(CACHE_HIT),
                CostModel.megabytesPerSecond(p.decimal(CostModel.COPY_BANDWIDTH)));
    }

    @Override
    public String name() {
        return NAME;
    }

    /** One revolution of the platters, ns. */
    public long revolutionNs() {
        return 60 * Durations.S / rpm;
    }

    /** The longest seek the model draws, ns. */
    public long maxSeekNs() {
        return 2 * averageSeekNs - trackSeekNs;
    }

    /** The cache hit ratio for requests of {@code kind}. */
    public double hitRatio(IoKind kind) {
        return switch (kind) {
            case DISK_READ -> readHitRatio;
            case DISK_WRITE -> writeHitRatio;
            case NET_EXCHANGE, DEVICE_ACCESS -> throw new IllegalArgumentException("the disk does not serve " + kind);
        };
    }

    /** Service time of a cache hit of {@code bytes}, ns. */
    public long hitServiceNs(long bytes) {
        return cacheHitNs + MulDiv.transferNs(bytes, copyBytesPerSecond);
    }

    /** Media transfer time of {@code bytes}, ns. */
    public long transferNs(long bytes) {
        return MulDiv.transferNs(bytes, transferBytesPerSecond);
    }

    /**
     * The analytic mean service time of a request, ns: the hit-ratio mix of a cache hit and a
     * miss that pays the average seek, half a revolution and the transfer.
     */
    public double meanServiceNs(IoKind kind, long bytes) {
        double h = hitRatio(kind);
        double miss = averageSeekNs + revolutionNs() / 2.0 + transferNs(bytes);
        return h * hitServiceNs(bytes) + (1 - h) * miss;
    }

    @Override
    public long serviceNs(IoKind kind, long bytes, RandomGenerator random) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative request size " + bytes);
        }
        double h = hitRatio(kind);
        double uHit = random.nextDouble();
        double uSeek = random.nextDouble();
        double uRotation = random.nextDouble();
        if (uHit < h) {
            return hitServiceNs(bytes);
        }
        long seek = trackSeekNs + Math.round(uSeek * (maxSeekNs() - trackSeekNs));
        long rotation = (long) (uRotation * revolutionNs());
        return seek + rotation + transferNs(bytes);
    }

    private static void ratio(String name, double v) {
        if (!(v >= 0.0 && v <= 1.0)) {
            throw new InvalidParameterException(name, Double.toString(v), "a fraction in [0.0, 1.0]");
        }
    }
}
