package io.github.vsched.platform.q6600;

import io.github.vsched.testkit.PlatformContract;

/** The Q6600 passes the test kit's platform contract. */
class Q6600PlatformContractTest extends PlatformContract {
    @Override
    protected String platformId() {
        return Q6600Platform.ID;
    }
}
