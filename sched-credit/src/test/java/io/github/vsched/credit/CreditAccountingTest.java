package io.github.vsched.credit;

import static io.github.vsched.credit.CreditPriority.BOOST;
import static io.github.vsched.credit.CreditPriority.OVER;
import static io.github.vsched.credit.CreditPriority.UNDER;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.vsched.api.DomainView;
import io.github.vsched.api.VcpuView;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The arithmetic of {@code burn_credits} (reference 4.2) and {@code csched_acct} (5.1-5.3) on
 * hand-computed examples, driven directly on the state of a scheduler on the real engine
 * ({@link DrivenCredit}).
 */
class CreditAccountingTest {
    private static final long MS = 1_000_000;
    private static final long US = 1_000;

    private static CreditVcpu st(DrivenCredit m, VcpuView v) {
        return m.sched.state(v);
    }

    // ------------------------------------------------------------------ 4.2 burn_credits

    @Test
    void burnCreditsRoundsToNearestAndCarriesTheRemainder() {
        // reference 4.2 (4.0): credits = round(delta * 10 / 1 ms); start_time advances by
        // exactly credits * 100 us, so the remainder (-50 us, +50 us] stays in start_time
        DrivenCredit m = new DrivenCredit(1);
        VcpuView v = m.vcpu("a", 256, 0, 0);
        CreditAccounting acct = m.sched.accounting();
        CreditVcpu s = st(m, v);
        s.startTime = 0;
        acct.burn(s, 149 * US); // 1.49 credits -> 1, start_time 100 us
        assertThat(s.credit).isEqualTo(-1);
        assertThat(s.startTime).isEqualTo(100 * US);
        acct.burn(s, 149 * US + 999); // 49.999 us since start_time -> 0 credits
        assertThat(s.credit).isEqualTo(-1);
        acct.burn(s, 150 * US); // 50 us since -> rounds up to 1
        assertThat(s.credit).isEqualTo(-2);
        assertThat(s.startTime).isEqualTo(200 * US); // 50 us ahead of now: the remainder is negative
        acct.burn(s, 160 * US); // delta <= 0: nothing
        assertThat(s.credit).isEqualTo(-2);
        assertThat(s.startTime).isEqualTo(200 * US);
    }

    @Test
    void burnCreditsChargesTenCreditsPerMillisecondInTheLongRun() {
        // reference 4.2: 40 000 runs of 25 us (1 s) cost exactly 10 000 credits, although each
        // single run rounds to 0; the schedule path's relative start_time carries the remainder
        for (String residual : new String[] {"false", "true"}) {
            DrivenCredit m = new DrivenCredit(1, "creditResidual", residual);
            VcpuView v = m.vcpu("a", 256, 0, 0);
            CreditAccounting acct = m.sched.accounting();
            CreditVcpu s = st(m, v);
            long t = 0;
            for (int i = 0; i < 40_000; i++) {
                t += 1 * MS; // off CPU: start_time is relative
                s.startTime += t; // switched in
                t += 25 * US;
                acct.burn(s, t); // switched out
                s.startTime -= t;
            }
            assertThat(-s.credit).as("residual=%s", residual).isBetween(9_999, 10_001);
        }
    }

    @Test
    void residualVariantTruncatesEachCharge() {
        // reference 4.2, 4.3+: 149 us is 1.49 credits -> 1 with residual 0.49 credit; a further
        // 51 us is 0.51 + 0.49 -> 1 more credit
        DrivenCredit m = new DrivenCredit(1, "creditResidual", "true");
        VcpuView v = m.vcpu("a", 256, 0, 0);
        CreditAccounting acct = m.sched.accounting();
        CreditVcpu s = st(m, v);
        acct.burn(s, 149 * US);
        assertThat(s.credit).isEqualTo(-1);
        assertThat(s.residual).isEqualTo(490_000);
        acct.burn(s, 150 * US); // 50 us since start_time 100 us: 0.5 + 0.49 < 1
        assertThat(s.credit).isEqualTo(-1);
    }

    // ------------------------------------------------------------------ 5.1 csched_acct

    @Test
    void accountingSharesCreditsByWeightWithCeilArithmeticAndHandsSurplusOn() {
        // reference 5.1, hand-computed for one PCPU (300 credits per 30 ms), Xen 4.0 weights:
        // domains activated A, B, C -> active list C, B, A; W = 256 + 512 + 256 = 1024
        // C (256):  fair = ceil(300*256/1024) = 75 < peak 300 -> xtra; +75
        // B (512, cap 10): peak = min(300, ceil(10*300/100) = 30) = 30; fair = 150 >= 30:
        //          total += ceil((150-30)*1024/256) = 480 -> 780; B moves to the head; +30
        // A (256):  fair = ceil(780*256/1024) = 195 < 300; +195
        DrivenCredit m = new DrivenCredit(1);
        VcpuView a = m.vcpu("A", 256, 0, 0);
        VcpuView b = m.vcpu("B", 512, 10, 0);
        VcpuView c = m.vcpu("C", 256, 0, 0);
        CreditAccounting acct = m.sched.accounting();
        acct.start(st(m, a));
        acct.start(st(m, b));
        acct.start(st(m, c));
        assertThat(acct.weight).isEqualTo(1024);
        st(m, a).credit = -100;
        st(m, b).credit = -50;
        st(m, c).credit = 250;
        st(m, c).pri = BOOST;

        acct.acct();

        assertThat(m.credit(a)).isEqualTo(95); // -100 + 195
        assertThat(m.pri(a)).isEqualTo(UNDER);
        assertThat(m.credit(b)).isEqualTo(-20); // -50 + 30: OVER, not below -30 so not parked
        assertThat(m.pri(b)).isEqualTo(OVER);
        assertThat(m.sched.isParked(b)).isFalse();
        // C: 250 + 75 = 325 > 300: UNDER (BOOST overwritten), leaves the active set, credit 0
        assertThat(m.pri(c)).isEqualTo(UNDER);
        assertThat(m.sched.isActive(c)).isFalse();
        assertThat(m.credit(c)).isEqualTo(0);
        assertThat(m.sched.creditBalance()).isEqualTo(-20 + 95 + 0);
        assertThat(acct.weight).isEqualTo(768);
        assertThat(acct.activeHead.view.name()).isEqualTo("B"); // the lazy move to the head
        assertThat(acct.activeHead.activeNext.view.name()).isEqualTo("A");
        assertThat(acct.activeHead.activeNext.activeNext).isNull();
    }

    @Test
    void inactiveCreditHalvingKeepsHalfTheCredit() {
        // reference 5.2 (4.1, c92d5f4e0f): 325 -> 162 instead of 0
        DrivenCredit m = new DrivenCredit(1, "inactiveCreditHalving", "true");
        VcpuView a = m.vcpu("A", 256, 0, 0);
        VcpuView c = m.vcpu("C", 256, 0, 0);
        CreditAccounting acct = m.sched.accounting();
        acct.start(st(m, a));
        acct.start(st(m, c));
        st(m, c).credit = 175; // + ceil(300*256/512) = 150 -> 325
        acct.acct();
        assertThat(m.sched.isActive(c)).isFalse();
        assertThat(m.credit(c)).isEqualTo(162);
    }

    @Test
    void negativeBalanceMintsExtraCreditsAndRaisesThePeak() {
        // reference 5.1: previous balance -90 -> total 300 + 90 = 390, and each domain's peak
        // grows by ceil(90 * weight / W). Two domains of weight 256 (W = 512), one VCPU each:
        // fair = ceil(390*256/512) = 195 < peak 300 + 45 -> each VCPU gets 195
        DrivenCredit m = new DrivenCredit(1);
        VcpuView a = m.vcpu("A", 256, 0, 0);
        VcpuView b = m.vcpu("B", 256, 0, 0);
        CreditAccounting acct = m.sched.accounting();
        acct.start(st(m, a));
        acct.start(st(m, b));
        acct.creditBalance = -90;
        st(m, a).credit = -200;
        st(m, b).credit = -250;
        acct.acct();
        assertThat(m.credit(a)).isEqualTo(-5);
        assertThat(m.credit(b)).isEqualTo(-55);
        assertThat(m.sched.creditBalance()).isEqualTo(-60);
    }

    @Test
    void creditIsClippedAtMinusOneTslice() {
        // reference 5.1: the lower clip -300 applies to active VCPUs after adding their share
        DrivenCredit m = new DrivenCredit(1);
        VcpuView a = m.vcpu("A", 256, 0, 0);
        CreditAccounting acct = m.sched.accounting();
        acct.start(st(m, a));
        st(m, a).credit = -900;
        acct.acct(); // -900 + 300 = -600 -> -300
        assertThat(m.credit(a)).isEqualTo(-300);
        assertThat(m.pri(a)).isEqualTo(OVER);
    }

    @Test
    void perVcpuWeightsCountActiveVcpus() {
        // reference 5.2 (4.1): W = sum over active VCPUs; a domain's fair share is
        // ceil(CT * w * n / W). Domain A has 2 active VCPUs, B one, all weight 256: W = 768;
        // A: fair = ceil(300*512/768) = 200 -> 100 per VCPU; B: ceil(300*256/768) = 100
        DrivenCredit m = new DrivenCredit(1, "weightPerVcpu", "true");
        DomainView da = m.domain("A", 256, 0, 0, 0);
        VcpuView a0 = da.vcpus().get(0);
        VcpuView a1 = da.vcpus().get(1);
        VcpuView b = m.vcpu("B", 256, 0, 0);
        CreditAccounting acct = m.sched.accounting();
        acct.start(st(m, a0));
        acct.start(st(m, a1));
        acct.start(st(m, b));
        assertThat(acct.weight).isEqualTo(768);
        acct.acct();
        assertThat(m.credit(a0)).isEqualTo(100);
        assertThat(m.credit(a1)).isEqualTo(100);
        assertThat(m.credit(b)).isEqualTo(100);

        // the same under 4.0 per-domain weights: A and B each get 150, A's VCPUs 75 each
        DrivenCredit m40 = new DrivenCredit(1);
        DomainView da40 = m40.domain("A", 256, 0, 0, 0);
        VcpuView c0 = da40.vcpus().get(0);
        VcpuView c1 = da40.vcpus().get(1);
        VcpuView d = m40.vcpu("B", 256, 0, 0);
        CreditAccounting acct40 = m40.sched.accounting();
        acct40.start(st(m40, c0));
        acct40.start(st(m40, c1));
        acct40.start(st(m40, d));
        assertThat(acct40.weight).isEqualTo(512);
        acct40.acct();
        assertThat(m40.credit(c0)).isEqualTo(75);
        assertThat(m40.credit(c1)).isEqualTo(75);
        assertThat(m40.credit(d)).isEqualTo(150);
    }

    @Test
    void inactiveVcpusAreChargedButNeitherCreditedNorReprioritised() {
        // reference 4.2 / 5.1: only active VCPUs get credits, clipping and a new priority
        DrivenCredit m = new DrivenCredit(1);
        VcpuView a = m.vcpu("A", 256, 0, 0);
        VcpuView i = m.vcpu("I", 256, 0, 0);
        CreditAccounting acct = m.sched.accounting();
        acct.start(st(m, a));
        st(m, i).credit = -5000;
        st(m, i).pri = BOOST;
        acct.acct();
        assertThat(m.credit(i)).isEqualTo(-5000);
        assertThat(m.pri(i)).isEqualTo(BOOST);
        assertThat(m.credit(a)).isEqualTo(300);
    }

    @Test
    void noActiveDomainsResetsTheBalanceAndSkipsTheSortEpoch() {
        // reference 5.1: W == 0 -> balance 0, return before runq_sort++
        DrivenCredit m = new DrivenCredit(1);
        CreditAccounting acct = m.sched.accounting();
        acct.creditBalance = -40;
        int epoch = acct.runqSort;
        acct.acct();
        assertThat(acct.creditBalance).isZero();
        assertThat(acct.runqSort).isEqualTo(epoch);
    }

    @Test
    void weightChangeOfAnActiveDomainUpdatesTheGlobalWeight() {
        // csched_dom_cntl: xl sched-credit -d A -w 512 while A is active
        DrivenCredit m = new DrivenCredit(1);
        DomainView da = m.domain("A", 256, 0, 0);
        VcpuView a = da.vcpus().get(0);
        DomainView db = m.domain("B", 256, 0, 0);
        m.sched.accounting().start(st(m, a));
        assertThat(m.sched.totalWeight()).isEqualTo(256);
        m.driver.adjustDomain(da, Map.of("weight", "512", "cap", "30"));
        assertThat(m.sched.totalWeight()).isEqualTo(512);
        m.driver.adjustDomain(db, Map.of("weight", "1000")); // inactive: only the domain's weight changes
        assertThat(m.sched.totalWeight()).isEqualTo(512);
        assertThat(((CreditDomain) da.schedulerPrivate()).cap).isEqualTo(30);
    }
}
