package io.github.vsched.core.internal.state;

import io.github.vsched.api.DomainType;
import io.github.vsched.api.DomainView;
import io.github.vsched.api.Parameters;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The engine's state of a domain (Xen's {@code struct domain}). */
public final class DomainState implements DomainView {
    public final int id;
    public final String name;
    public final DomainType type;
    public final List<VcpuState> vcpus = new ArrayList<>();
    private final List<VcpuState> vcpusView = Collections.unmodifiableList(vcpus);
    public Parameters schedParams;
    public Object schedPriv;
    public long memoryMb;

    public DomainState(int id, String name, DomainType type, Parameters schedParams) {
        this.id = id;
        this.name = name;
        this.type = type;
        this.schedParams = schedParams;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DomainType type() {
        return type;
    }

    @Override
    public List<VcpuState> vcpus() {
        return vcpusView;
    }

    @Override
    public Parameters schedulerParameters() {
        return schedParams;
    }

    @Override
    public Object schedulerPrivate() {
        return schedPriv;
    }

    @Override
    public String toString() {
        return name;
    }
}
