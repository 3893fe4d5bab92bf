/**
 * The {@code x86-q6600} platform: the Intel Core 2 Quad Q6600 machine of the paper this
 * project starts from (four cores in two dies, a 4 MiB L2 per pair of cores, 2.4 GHz TSC,
 * first-generation VT-x), under Xen 4.0. Built on
 * {@link io.github.vsched.platform.smp.SmpPlatform} with the topology and clocks fixed.
 */
package io.github.vsched.platform.q6600;
