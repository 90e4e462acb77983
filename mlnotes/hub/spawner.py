"""Each participant's server runs as their own OS account, under a memory limit.

LocalProcessSpawner ignores mem_limit (it has no container or cgroup to apply it to). Here
it becomes RLIMIT_AS, set in the server process before it starts and inherited by every
kernel it starts: each process (the server, each kernel) may map at most mem_limit bytes.
It is a limit per process, not per participant: a participant with three kernels may use
three times it. What goes over gets MemoryError in the kernel instead of the machine
swapping or the kernel OOM killer picking a victim.
"""
import resource

from jupyterhub.spawner import LocalProcessSpawner


class WorkshopSpawner(LocalProcessSpawner):
    def make_preexec_fn(self, name):
        become_user = super().make_preexec_fn(name)
        limit = int(self.mem_limit or 0)

        def preexec():
            if limit:
                resource.setrlimit(resource.RLIMIT_AS, (limit, limit))  # hard = soft: the user cannot raise it
            become_user()

        return preexec
