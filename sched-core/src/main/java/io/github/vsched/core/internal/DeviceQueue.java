package io.github.vsched.core.internal;

import io.github.vsched.api.Device;

import java.util.random.RandomGenerator;

/**
 * A physical device serving one request at a time in FIFO order; its event is the completion
 * of the request in service, delivered as an interrupt to the driver domain.
 */
final class DeviceQueue extends EngineEvent {
    final Engine engine;
    final Device device;
    final RandomGenerator random;
    final IoRequest.Fifo waiting = new IoRequest.Fifo();
    IoRequest inService;
    long busyNs;
    long served;

    DeviceQueue(Engine engine, int index, Device device, RandomGenerator random) {
        super(DEVICE, index);
        this.engine = engine;
        this.device = device;
        this.random = random;
    }

    @Override
    public void fire() {
        engine.deviceDone(this);
    }

    @Override
    int pcpu() {
        return engine.irqPcpu();
    }

    @Override
    public String describe() {
        return "completion of " + device.name();
    }
}
