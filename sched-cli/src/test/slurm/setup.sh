#!/bin/sh
# Starts a single-node SLURM cluster on this machine (loopback only), for the opt-in SLURM
# integration test (SlurmArraySweepIT, see docs/cluster.md). Debian or Ubuntu, as root:
#
#   sudo sched-cli/src/test/slurm/setup.sh          # install, configure, start
#   sudo sched-cli/src/test/slurm/setup.sh stop     # stop the daemons it started
#
# Installs slurm-wlm and munge with apt-get, writes /etc/slurm/slurm.conf for one node named
# after this host with every core of it, and starts munged, slurmctld and slurmd without systemd
# (it also works in a container). Nothing listens beyond the loopback interface. Running it again
# restarts the daemons.
set -eu

if [ "$(id -u)" -ne 0 ]; then
    echo "setup.sh: run as root (it installs packages and starts daemons)" >&2
    exit 2
fi

stop() {
    # slurmctld and slurmd stop cleanly on request; the pid files cover a controller that does not answer
    scontrol shutdown >/dev/null 2>&1 || true
    sleep 1
    for p in slurmd slurmctld munged; do
        if [ -f "/run/vsched-slurm/$p.pid" ]; then
            kill "$(cat "/run/vsched-slurm/$p.pid")" 2>/dev/null || true
            rm -f "/run/vsched-slurm/$p.pid"
        fi
    done
}

if [ "${1:-}" = stop ]; then
    stop
    exit 0
fi

if ! command -v slurmctld >/dev/null 2>&1 || ! command -v munged >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends slurm-wlm munge
fi

stop
mkdir -p /run/vsched-slurm /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge
chown slurm:slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm 2>/dev/null || true

# munge: one key for this machine
if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
chmod 0400 /etc/munge/munge.key
chmod 0755 /run/munge
su -s /bin/sh munge -c "/usr/sbin/munged --pid-file=/run/munge/munged.pid" || /usr/sbin/munged --force
cp /run/munge/munged.pid /run/vsched-slurm/munged.pid 2>/dev/null || pgrep -n munged > /run/vsched-slurm/munged.pid

host=$(hostname -s)
cpus=$(nproc)
mem=$(awk '/MemTotal/ {print int($2 / 1024 * 0.9)}' /proc/meminfo)
cat > /etc/slurm/slurm.conf <<CONF
# single-node cluster for vsched's SLURM integration test (sched-cli/src/test/slurm/setup.sh)
ClusterName=vsched-test
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/vsched-slurm/slurmctld.pid
SlurmdPidFile=/run/vsched-slurm/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=60 State=UP
CONF

/usr/sbin/slurmctld
/usr/sbin/slurmd
# wait until the node takes jobs
i=0
until sinfo -h -o %t 2>/dev/null | grep -Eq '^(idle|mix|alloc)'; do
    i=$((i + 1))
    if [ "$i" -gt 60 ]; then
        echo "setup.sh: the SLURM node did not come up; see /var/log/slurm/" >&2
        sinfo >&2 || true
        exit 1
    fi
    sleep 1
done
sinfo
