"""How netgov writes files (docs/OUTPUT.md "How netgov writes files"):
character devices and FIFOs are written into, never replaced; symbolic
links are followed (chains, dangling links) and stay links; directories are
refused; --out and --csv are written both or neither; temporaries left by a
killed run are removed on the next write; a failed write to standard output
fails every command (status 1, "<stdout>" and the reason).

The real /dev/null and /dev/full are never a target here: a regression
would replace them for the whole machine.  Device nodes are made with
os.mknod in the test's own folder (which needs root); standard output is
opened on /dev/full, which is safe (nothing renames it)."""
import errno
import os
import signal
import stat
import subprocess
import sys
import threading

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import clitest  # noqa: E402

RUN = ["run", "--quiet", "--ticks", "5"]
NO_SPACE = os.strerror(errno.ENOSPC)


def leftovers(folder):
    """Names of temporaries in folder (and its sub-folders)."""
    found = []
    for root, _dirs, files in os.walk(folder):
        found += [os.path.join(root, f) for f in files if ".tmp." in f]
    return found


def make_device(path, minor):
    """A character device node of the memory driver (1, minor): 3 is a
    null device, 7 a full one.  None when mknod is not permitted."""
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
        return path
    except OSError as e:
        print("note  cannot mknod %s (%s): device checks use /dev/full "
              "as standard output only" % (path, e.strerror))
        return None


def is_char_device(path, minor):
    st = os.lstat(path)
    return stat.S_ISCHR(st.st_mode) and st.st_rdev == os.makedev(1, minor)


def reference_document(s):
    r = s.run(*RUN, "--out", "-")
    s.check("run --out - writes the reference document", r.status == 0,
            r.err)
    return r.out


def check_devices(s, doc):
    d = s.fresh_dir("devices")
    null = make_device(os.path.join(d, "null"), 3)
    full = make_device(os.path.join(d, "full"), 7)
    if null:
        for args in ([*RUN, "--out", null],
                     [*RUN, "--out", "a.json", "--csv", null],
                     ["odd", "--out", null]):
            r = s.run(*args, cwd=d)
            s.check("%s: exit 0" % " ".join(args), r.status == 0, r.err)
            s.check("%s: the null device is still a device" % " ".join(args),
                    is_char_device(null, 3))
        s.check("devices: no temporary beside the device", not leftovers(d),
                str(leftovers(d)))
    if full:
        r = s.run(*RUN, "--out", full, cwd=d)
        s.check("run --out FULL_DEVICE: exit 1", r.status == 1, r.err)
        s.check("run --out FULL_DEVICE: names the device and the reason",
                "netgov: %s: write failed: %s" % (full, NO_SPACE) in r.err,
                r.err)
        s.check("run --out FULL_DEVICE: still a device",
                is_char_device(full, 7))
        # Streams are written before files are replaced: the CSV file
        # must keep its old bytes when the run document cannot be sent.
        csv = os.path.join(d, "old.csv")
        with open(csv, "w") as f:
            f.write("old\n")
        r = s.run(*RUN, "--out", full, "--csv", csv, cwd=d)
        s.check("run --out FULL_DEVICE --csv FILE: exit 1", r.status == 1,
                r.err)
        s.check("run --out FULL_DEVICE --csv FILE: the CSV is untouched",
                clitest.read_bytes(csv) == b"old\n")
        s.check("run --out FULL_DEVICE: no temporary left",
                not leftovers(d), str(leftovers(d)))


def read_fifo(path, sink):
    with open(path, "rb") as f:
        sink.append(f.read())


def check_fifo(s, doc):
    d = s.fresh_dir("fifo")
    fifo = os.path.join(d, "pipe")
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=read_fifo, args=(fifo, got), daemon=True)
    reader.start()
    r = s.run(*RUN, "--out", fifo, cwd=d)
    reader.join(timeout=30)
    if reader.is_alive():
        # The reader still waits: netgov never opened the pipe.  Open it
        # for writing (if it still is one) so the thread can end.
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass
    s.check("run --out FIFO: exit 0", r.status == 0, r.err)
    s.check("run --out FIFO: still a FIFO",
            stat.S_ISFIFO(os.lstat(fifo).st_mode))
    s.check("run --out FIFO: the reader got the run document",
            got == [doc], "%d bytes" % len(got[0]) if got else "nothing")
    s.check("run --out FIFO: no temporary left", not leftovers(d),
            str(leftovers(d)))


def check_links(s, doc):
    d = s.fresh_dir("links")
    # A link to an existing file: the file is replaced, the link stays.
    target = os.path.join(d, "target.json")
    with open(target, "w") as f:
        f.write("old\n")
    os.chmod(target, 0o640)
    os.symlink("target.json", os.path.join(d, "link.json"))
    r = s.run(*RUN, "--out", "link.json", cwd=d)
    s.check("run --out LINK: exit 0", r.status == 0, r.err)
    s.check("run --out LINK: still a link to target.json",
            os.path.islink(os.path.join(d, "link.json"))
            and os.readlink(os.path.join(d, "link.json")) == "target.json")
    s.check("run --out LINK: the target holds the run document",
            clitest.read_bytes(target) == doc)
    s.check("run --out LINK: the target keeps its mode 0640",
            stat.S_IMODE(os.stat(target).st_mode) == 0o640,
            oct(stat.S_IMODE(os.stat(target).st_mode)))

    # A dangling link: the name it points at is created.
    os.symlink("new.json", os.path.join(d, "dangling.json"))
    r = s.run(*RUN, "--out", "dangling.json", cwd=d)
    s.check("run --out DANGLING_LINK: exit 0", r.status == 0, r.err)
    s.check("run --out DANGLING_LINK: still a link",
            os.path.islink(os.path.join(d, "dangling.json")))
    s.check("run --out DANGLING_LINK: new.json holds the run document",
            clitest.read_bytes(os.path.join(d, "new.json")) == doc)

    # A chain, with a relative link in a sub-folder: c1 -> sub/c2 -> end.
    os.makedirs(os.path.join(d, "sub"))
    os.symlink("sub/c2", os.path.join(d, "c1"))
    os.symlink("end.csv", os.path.join(d, "sub", "c2"))
    r = s.run(*RUN, "--out", "a.json", "--csv", "c1", cwd=d)
    s.check("run --csv CHAIN: exit 0", r.status == 0, r.err)
    s.check("run --csv CHAIN: both links stay links",
            os.path.islink(os.path.join(d, "c1"))
            and os.path.islink(os.path.join(d, "sub", "c2")))
    body = clitest.read_bytes(os.path.join(d, "sub", "end.csv")) or b""
    s.check("run --csv CHAIN: sub/end.csv holds the CSV",
            body.startswith(b"tick,"), repr(body[:40]))

    # A loop is refused, as bad usage.
    os.symlink("loop2", os.path.join(d, "loop1"))
    os.symlink("loop1", os.path.join(d, "loop2"))
    r = s.run(*RUN, "--out", "loop1", cwd=d)
    s.check("run --out LOOP: exit 1", r.status == 1, r.err)
    s.check("run --out LOOP: says why",
            "netgov: loop1: expected a file, found a chain of more than 40 "
            "symbolic links" in r.err, r.err)
    s.check("links: no temporary left", not leftovers(d), str(leftovers(d)))


def check_descriptor_links(s, doc):
    """A link to /proc/self/fd/1, as /dev/stdout is, reaches standard
    output, whose link text ("pipe:[N]") is no path to replace.  The link
    lives in the test's folder: /dev/stdout itself is never a target."""
    d = s.fresh_dir("fd-links")
    link = os.path.join(d, "to-stdout")
    os.symlink("/proc/self/fd/1", link)
    r = s.run(*RUN, "--out", link, cwd=d)
    s.check("run --out LINK_TO_STDOUT (a pipe): exit 0", r.status == 0,
            r.err)
    s.check("run --out LINK_TO_STDOUT (a pipe): standard output got the "
            "run document", r.out == doc, "%d bytes" % len(r.out))
    out = os.path.join(d, "captured.json")
    with open(out, "w") as f:
        f.write("older and longer than nothing\n" * 4000)
    with open(out, "r+b") as f:
        p = subprocess.run([s.binary] + RUN + ["--out", link], cwd=d,
                           stdout=f, stderr=subprocess.PIPE, timeout=60)
    s.check("run --out LINK_TO_STDOUT (a file): exit 0", p.returncode == 0,
            p.stderr.decode(errors="replace"))
    s.check("run --out LINK_TO_STDOUT (a file): the file holds exactly the "
            "run document", clitest.read_bytes(out) == doc)
    s.check("run --out LINK_TO_STDOUT: the link stays",
            os.path.islink(link) and os.readlink(link) == "/proc/self/fd/1")
    s.check("fd-links: no temporary left", not leftovers(d),
            str(leftovers(d)))


def check_directories(s):
    d = s.fresh_dir("dirs")
    os.makedirs(os.path.join(d, "folder"))
    os.symlink("folder", os.path.join(d, "to-folder"))
    cases = [(RUN + ["--out", "folder"], "folder", "a directory"),
             (RUN + ["--out", "to-folder"], "to-folder",
              "a symbolic link to a directory (folder)"),
             (["odd", "--out", "folder"], "folder", "a directory"),
             (["compare", "--reps", "2", "--set", "run.ticks=5", "-q",
               "--out", "folder"], "folder", "a directory")]
    for args, name, found in cases:
        r = s.run(*args, cwd=d)
        label = " ".join(args)
        s.check("%s: exit 1" % label, r.status == 1, r.err)
        s.check("%s: refused with a reason" % label,
                "netgov: %s: expected a file to write, found %s"
                % (name, found) in r.err, r.err)
    s.check("dirs: the folder is left empty",
            os.listdir(os.path.join(d, "folder")) == [])
    r = s.run(*RUN, "--out", "same", "--csv", "same", cwd=d)
    s.check("run --out X --csv X: exit 2", r.status == 2, r.err)
    s.check("run --out X --csv X: nothing written",
            not os.path.exists(os.path.join(d, "same")))


def check_all_or_none(s):
    d = s.fresh_dir("set")
    with open(os.path.join(d, "a.json"), "w") as f:
        f.write("old\n")
    with open(os.path.join(d, "plain"), "w") as f:
        f.write("a file, not a folder\n")
    # The CSV's folder cannot be created (its parent is a file).
    r = s.run(*RUN, "--out", "a.json", "--csv", "plain/x.csv", cwd=d)
    s.check("run --csv UNWRITABLE: exit 1", r.status == 1, r.err)
    s.check("run --csv UNWRITABLE: names the CSV and the reason",
            "netgov: plain/x.csv: cannot create: Not a directory" in r.err,
            r.err)
    s.check("run --csv UNWRITABLE: the run document is untouched",
            clitest.read_bytes(os.path.join(d, "a.json")) == b"old\n")
    # The other way round: no new CSV when the run document fails.
    r = s.run(*RUN, "--out", "plain/x.json", "--csv", "b.csv", cwd=d)
    s.check("run --out UNWRITABLE --csv FILE: exit 1", r.status == 1, r.err)
    s.check("run --out UNWRITABLE --csv FILE: no CSV written",
            not os.path.exists(os.path.join(d, "b.csv")))
    s.check("set: no temporary left", not leftovers(d), str(leftovers(d)))


def dead_pid():
    """The pid of a process that has ended (and been reaped)."""
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def check_stale_temporaries(s, doc):
    d = s.fresh_dir("stale")
    gone = dead_pid()
    names = {
        "a.json.tmp.%d.0" % gone: False,        # a killed run's: removed
        "a.json.tmp.%d.17" % gone: False,
        "a.json.tmp.%d.0" % os.getpid(): True,  # a live process's
        "a.json.tmp.%d.x" % gone: True,          # not a temporary's name
        "b.json.tmp.%d.0" % gone: True,          # another target's
        "a.json.tmp.99999999999999999999.0": True,  # no pid
    }
    for n in names:
        with open(os.path.join(d, n), "w") as f:
            f.write("partial")
    r = s.run(*RUN, "--out", "a.json", cwd=d)
    s.check("stale: exit 0", r.status == 0, r.err)
    for n, kept in sorted(names.items()):
        s.check("stale: %s %s" % (n, "kept" if kept else "removed"),
                os.path.exists(os.path.join(d, n)) == kept)
    s.check("stale: a.json holds the run document",
            clitest.read_bytes(os.path.join(d, "a.json")) == doc)


def run_to_full(s, args, cwd):
    """Runs netgov with standard output on /dev/full (opened for writing,
    never replaced)."""
    with open("/dev/full", "wb") as full:
        p = subprocess.run([s.binary] + args, cwd=cwd, stdout=full,
                           stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                           timeout=120)
    return p.returncode, p.stderr.decode("utf-8", errors="replace")


def check_stdout_failures(s):
    d = s.fresh_dir("stdout")
    r = s.run(*RUN, "--out", "run.json", cwd=d)
    s.check("stdout: a run document to explain", r.status == 0, r.err)
    config = s.src("configs", "default.json")
    commands = [
        RUN + ["--out", "-"],
        RUN + ["--out", "r.json", "--csv", "-"],
        RUN + ["--out", "r.json", "--explain"],
        ["explain", "run.json"],
        ["explain", "run.json", "--json"],
        ["explain", "run.json", "--out", "-"],
        ["params"], ["params", "--json"], ["params", "--markdown"],
        ["presets"],
        ["validate", config],
        ["odd"], ["odd", "--out", "-"],
        ["compare", "--reps", "2", "--set", "run.ticks=5"],
        ["--help"], ["--version"], ["run", "--help"],
    ]
    for args in commands:
        status, err = run_to_full(s, args, d)
        label = "netgov %s > /dev/full" % " ".join(args)
        s.check("%s: exit 1" % label, status == 1, "%s: %s" % (status, err))
        s.check("%s: names <stdout> and the reason" % label,
                "netgov: <stdout>: write failed: %s" % NO_SPACE in err, err)
        s.check("%s: says it once" % label, err.count("<stdout>") == 1, err)


def check_closed_pipe(s):
    """A reader that has gone: with SIGPIPE ignored the write fails with
    EPIPE, which is reported like any other write failure."""
    r_end, w_end = os.pipe()
    os.close(r_end)
    p = subprocess.run([s.binary, "params", "--json"], stdout=w_end,
                       stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                       timeout=60, preexec_fn=lambda: signal.signal(
                           signal.SIGPIPE, signal.SIG_IGN))
    os.close(w_end)
    err = p.stderr.decode("utf-8", errors="replace")
    s.check("params --json into a closed pipe (SIGPIPE ignored): exit 1",
            p.returncode == 1, "%s: %s" % (p.returncode, err))
    s.check("params --json into a closed pipe: names <stdout> and EPIPE",
            "netgov: <stdout>: write failed: %s" % os.strerror(errno.EPIPE)
            in err, err)


def main():
    s = clitest.Suite("safe writing: devices, FIFOs, links, sets, stdout")
    doc = reference_document(s)
    check_devices(s, doc)
    check_fifo(s, doc)
    check_links(s, doc)
    check_descriptor_links(s, doc)
    check_directories(s)
    check_all_or_none(s)
    check_stale_temporaries(s, doc)
    check_stdout_failures(s)
    check_closed_pipe(s)
    s.finish()


if __name__ == "__main__":
    main()
