package io.github.vsched.platform.smp;

import io.github.vsched.api.Device;
import io.github.vsched.api.DomainType;
import io.github.vsched.api.IoKind;
import io.github.vsched.api.IoModel;

import java.util.Objects;

/**
 * How an {@link SmpPlatform} serves guest I/O under Xen 4.0: one disk for reads and writes
 * (one instance, so one queue), the NIC for network exchanges, and the dom0 CPU of the
 * backends from {@link CostModel}. Immutable.
 *
 * <p>{@link #backendCpuNs} is per stage (the engine charges it at the request and again at the
 * completion): blkback + one grant map or unmap per 4 KiB page; netback + half the copy;
 * qemu-dm's per-request work + half of its per-access work for every VM exit of the request +
 * half the copy. The copy is split between the stages because the SPI does not say which stage
 * is asked. A {@link IoKind#DEVICE_ACCESS} is one VM exit and one access of qemu-dm's work, with
 * no device and no per-request work.
 *
 * @param costs the CPU and hypervisor costs
 * @param disk  the disk
 * @param nic   the network interface
 */
public record SmpIoModel(CostModel costs, DiskModel disk, NicModel nic) implements IoModel {

    /** Rejects missing parts. */
    public SmpIoModel {
        Objects.requireNonNull(costs, "costs");
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(nic, "nic");
    }

    /**
     * The disk for both disk kinds, the NIC for network exchanges.
     *
     * @throws IllegalArgumentException for {@link IoKind#DEVICE_ACCESS}, which no device serves
     */
    @Override
    public Device device(IoKind kind) {
        return switch (kind) {
            case DISK_READ, DISK_WRITE -> disk;
            case NET_EXCHANGE -> nic;
            case DEVICE_ACCESS -> throw new IllegalArgumentException("no physical device serves " + kind);
        };
    }

    /**
     * dom0 CPU for one stage of a guest request; see the class comment for the composition.
     *
     * @throws IllegalArgumentException for the idle domain type or a negative size
     */
    @Override
    public long backendCpuNs(DomainType guestType, IoKind kind, long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative request size " + bytes);
        }
        CostModel c = costs;
        long halfCopy = MulDiv.transferNs(bytes, 2 * c.copyBytesPerSecond());
        return switch (guestType) {
            case PV -> switch (kind) {
                case DISK_READ, DISK_WRITE -> c.pvBlockBackendNs() + CostModel.pages(bytes) * c.grantMapPerPageNs();
                case NET_EXCHANGE -> c.pvNetBackendNs() + halfCopy;
                case DEVICE_ACCESS -> throw new IllegalArgumentException("a PV guest has no emulated devices");
            };
            case HVM -> kind == IoKind.DEVICE_ACCESS ? c.deviceModelAccessNs()
                    : c.deviceModelRequestNs() + vmExitsPerRequest(kind) * c.deviceModelAccessNs() / 2 + halfCopy;
            case IDLE -> throw new IllegalArgumentException("the idle domain issues no I/O");
        };
    }

    /**
     * {@code hvmDiskExits} for disk requests, {@code hvmNetExits} for network exchanges, one for a
     * device access.
     */
    @Override
    public int vmExitsPerRequest(IoKind kind) {
        return switch (kind) {
            case DISK_READ, DISK_WRITE -> costs.hvmDiskExits();
            case NET_EXCHANGE -> costs.hvmNetExits();
            case DEVICE_ACCESS -> 1;
        };
    }

    /** {@code deviceInterrupt}. */
    @Override
    public long interruptCpuNs() {
        return costs.interruptNs();
    }
}
