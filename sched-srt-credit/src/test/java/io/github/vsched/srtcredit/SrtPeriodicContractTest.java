package io.github.vsched.srtcredit;

import io.github.vsched.core.guest.Guests;
import io.github.vsched.testkit.ContractScenario;
import io.github.vsched.testkit.SchedulerContract;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The contract with every mechanism on and borrowing enabled for soft real-time VCPUs: the
 * matrix plus a scenario where periodic soft real-time VCPUs compete with hogs and I/O.
 */
class SrtPeriodicContractTest extends SchedulerContract {
    @Override
    protected String schedulerId() {
        return "srt-credit";
    }

    @Override
    protected Map<String, String> schedulerParameters() {
        return Map.of("promoteOnUsbtExpiry", "true", "mechanismBorrowing", "true");
    }

    @Override
    protected List<ContractScenario> scenarios() {
        List<ContractScenario> l = new ArrayList<>(super.scenarios());
        long us = 1_000L;
        long ms = 1_000_000L;
        ContractScenario base = ContractScenario.on("2 PCPUs, soft real-time video beside hogs and I/O", 2)
                .hogs("hogs", 2)
                .domain("io", 2, () -> Guests.ioWaker(300 * us, 3 * ms))
                .runnablePerPcpu(3).build();
        l.add(base.with(io.github.vsched.core.DomainSpec.builder("video")
                .vcpuSchedulerParam(0, "llBoost", "true").vcpuSchedulerParam(0, "sbt", "60us")
                .vcpuSchedulerParam(0, "usbt", "2.3ms").vcpuSchedulerParam(0, "borrow", "true")
                .workload("v", Guests.workload(i -> Guests.periodic(2300 * us, 60 * us, 0))).build()));
        return l;
    }
}
