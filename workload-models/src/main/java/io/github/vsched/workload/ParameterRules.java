package io.github.vsched.workload;

import io.github.vsched.api.InvalidParameterException;
import io.github.vsched.api.Parameters;

/**
 * Checks across parameters that single ranges cannot express. A parameter set explicitly where
 * another choice makes it ineffective is rejected (naming that choice) rather than silently
 * ignored, so a scenario never says something the model does not do.
 */
final class ParameterRules {
    private ParameterRules() {
    }

    /**
     * Rejects {@code name} if it was given while {@code effective} is false.
     *
     * @param because what makes it ineffective, e.g. {@code "requestRealtime is false"}
     */
    static void onlyWith(Parameters p, String name, boolean effective, String because) {
        if (!effective && p.isGiven(name)) {
            throw new InvalidParameterException(p.owner() + "." + name, "has no effect because " + because
                    + "; leave it out or change that");
        }
    }

    /** Rejects a value with a message naming the parameter, the value and what is allowed. */
    static InvalidParameterException invalid(Parameters p, String name, String value, String allowed) {
        return new InvalidParameterException(p.owner() + "." + name, value, allowed);
    }
}
