package io.github.vsched.api;

/** The message of a typed {@code schedulerPrivate(Class)} that finds another type attached. */
final class PrivateState {
    private PrivateState() {
    }

    static IllegalStateException mismatch(String owner, Object state, Class<?> asked) {
        String found = state == null ? "no scheduler state attached" : "a " + state.getClass().getName() + " attached";
        return new IllegalStateException(owner + " has " + found + ", not a " + asked.getName()
                + " (attach it with SchedulerContext.setPrivate when the scheduler adds it)");
    }
}
