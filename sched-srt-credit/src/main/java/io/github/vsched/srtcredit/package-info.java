/**
 * The soft real-time credit scheduler of Hong and Yoo ("Virtual Machine Scheduler Support for
 * Soft Real-time Applications"): credit, unchanged for ordinary VCPUs, plus four mechanisms for
 * soft real-time VCPUs (LL-boost, SBT/USBT, OVER-state borrowing, LL-first migration), each
 * switchable on its own. Built on sched-credit through its
 * {@link io.github.vsched.credit.CreditExtension} hooks.
 */
package io.github.vsched.srtcredit;
