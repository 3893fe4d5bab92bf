package io.github.vsched.rtds;

import io.github.vsched.testkit.ContractScenario;
import io.github.vsched.testkit.SchedulerContract;

import java.util.ArrayList;
import java.util.List;

/**
 * RTDS passes the scheduler contract with Xen's default servers (4 ms every 10 ms, extratime),
 * and with servers of its own per VCPU: the bound is then the one of the servers in force, and
 * without extratime RTDS is not held to work conservation (its provider says so).
 */
class RtdsContractTest extends SchedulerContract {
    @Override
    protected String schedulerId() {
        return RtdsSchedulerProvider.ID;
    }

    @Override
    protected List<ContractScenario> scenarios() {
        List<ContractScenario> l = new ArrayList<>(super.scenarios());
        l.add(ContractScenario.on("2 PCPUs, hogs on servers of different periods", 2)
                .hogs("short", 2, d -> d.vcpuSchedulerParam(0, "period", "2ms").vcpuSchedulerParam(0, "budget", "500us")
                        .vcpuSchedulerParam(1, "period", "5ms").vcpuSchedulerParam(1, "budget", "1ms"))
                .hogs("long", 2, d -> d.vcpuSchedulerParam(0, "period", "20ms").vcpuSchedulerParam(0, "budget", "6ms")
                        .vcpuSchedulerParam(1, "period", "20ms").vcpuSchedulerParam(1, "budget", "6ms"))
                .runnablePerPcpu(2).build());
        l.add(ContractScenario.on("2 PCPUs, hogs without extratime", 2)
                .hogs("capped", 3, d -> {
                    for (int i = 0; i < 3; i++) {
                        d.vcpuSchedulerParam(i, "period", "10ms").vcpuSchedulerParam(i, "budget", "3ms")
                                .vcpuSchedulerParam(i, "extratime", "false");
                    }
                })
                .runnablePerPcpu(2).build());
        return l;
    }
}
