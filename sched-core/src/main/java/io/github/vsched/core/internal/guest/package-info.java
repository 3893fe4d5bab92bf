/**
 * Guest execution: each VCPU's workload model chooses what the guest does; CPU work advances while
 * the VCPU runs, and the hypervisor work the guest causes (VM exits, hypercalls, a cache refill)
 * runs on its VCPU first. A new guest action or a new cost a guest causes goes here.
 */
package io.github.vsched.core.internal.guest;
