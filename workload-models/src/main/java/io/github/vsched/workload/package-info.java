/**
 * Guest workload models: what the guests of the paper (and of the field) do on their VCPUs,
 * and the quality metrics by which users judge a scheduler (frames late and dropped, audio
 * underruns, compile throughput, round-trip latency).
 *
 * <p>Each model is a {@link io.github.vsched.api.WorkloadProvider} registered in
 * {@code META-INF/services}: {@code video-playback}, {@code audio-playback},
 * {@code kernel-compile}, {@code cpu-hog}, {@code idle}, {@code network-pingpong},
 * {@code dom0-backend} and {@code phases}. Every parameter is in the provider's schema with its
 * unit, default, range and, where one exists, the source of the default; the module's
 * {@code README.md} tabulates them and defines every metric.
 *
 * <p>Randomness: each VCPU (and, for the compile, each job slot) draws from its own stream,
 * split at creation from the workload's stream, and draws a fixed number of values per unit of
 * work (per decode wake-up, per refill release, per job), so the same seed gives every
 * scheduler the same demands in the same order.
 */
package io.github.vsched.workload;
