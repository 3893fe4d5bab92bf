package io.github.vsched.core.internal.io;

import io.github.vsched.core.internal.state.EngineEvent;
import io.github.vsched.core.internal.state.IoRequest;

import io.github.vsched.api.Device;

import java.util.random.RandomGenerator;

/**
 * A physical device serving one request at a time in FIFO order; its event is the completion
 * of the request in service, delivered as an interrupt to the driver domain.
 */
final class DeviceQueue extends EngineEvent {
    final IoPath path;
    final Device device;
    final RandomGenerator random;
    final IoRequest.Fifo waiting = new IoRequest.Fifo();
    IoRequest inService;

    DeviceQueue(IoPath path, int index, Device device, RandomGenerator random) {
        super(DEVICE, index);
        this.path = path;
        this.device = device;
        this.random = random;
    }

    @Override
    public void fire() {
        path.deviceDone(this);
    }

    @Override
    public int pcpu() {
        return path.irqPcpu();
    }

    @Override
    public String describe() {
        return "completion of " + device.name();
    }
}
