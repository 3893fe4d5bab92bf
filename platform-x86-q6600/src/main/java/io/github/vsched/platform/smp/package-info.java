/**
 * The {@code generic-smp} platform and the parts every modelled Xen machine here is built
 * from: {@link io.github.vsched.platform.smp.CostModel} (CPU and hypervisor costs),
 * {@link io.github.vsched.platform.smp.DiskModel} and
 * {@link io.github.vsched.platform.smp.NicModel} (the physical devices),
 * {@link io.github.vsched.platform.smp.SmpIoModel} (the SPI's {@link io.github.vsched.api.IoModel}
 * over the devices and the backends' costs),
 * {@link io.github.vsched.platform.smp.SmpPlatform} (the {@link io.github.vsched.api.Platform}
 * over them, composing its {@link io.github.vsched.api.PlatformCosts}) and
 * {@link io.github.vsched.platform.smp.TscClock} (nanoseconds and TSC cycles for reports).
 *
 * <p>Every figure is a parameter with a unit and a source; the module's {@code README.md}
 * lists them all and says which are estimates and how they were derived.
 */
package io.github.vsched.platform.smp;
