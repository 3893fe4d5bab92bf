package io.github.vsched.workload;

import io.github.vsched.api.Guest;
import io.github.vsched.api.GuestModel;

/**
 * A VCPU with nothing to do and no timer: it blocks at boot and stays blocked (a guest's
 * secondary VCPU while a single-threaded application runs on VCPU 0, with the OS tick not
 * modelled).
 */
final class ParkedVcpu implements GuestModel {
    @Override
    public void next(Guest g) {
        g.block();
    }
}
